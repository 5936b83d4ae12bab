import CCrypto
import Foundation

/// SHA-256 (FIPS 180-4) of a file, streamed, for the data fingerprint in a card's provenance, and of
/// bytes (a card's version tag in a score table).
///
/// Why libcrypto: `train` fingerprints the whole data file before it writes the card, on one thread.
/// A portable Swift SHA-256 took about 0.6 s a 124 MB file (1 000 000 leads), a twentieth of `train`;
/// OpenSSL's uses the CPU's SHA instructions where present and takes about 0.1 s (issue 21).
package enum SHA256 {
    package static func hexDigest(ofFile path: String) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw CSVWriteError(path: path, reason: "cannot open the file to fingerprint it")
        }
        defer { try? handle.close() }
        let digest = Digest()
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            digest.update(chunk)
        }
        return digest.finish()
    }

    package static func hexDigest(of bytes: some Sequence<UInt8>) -> String {
        let digest = Digest()
        digest.update(Data(bytes))
        return digest.finish()
    }

    /// One EVP digest context, freed with the value.
    private final class Digest {
        private let context: OpaquePointer

        init() {
            // Allocation and initialisation fail only when memory is exhausted.
            guard let context = EVP_MD_CTX_new(), EVP_DigestInit_ex(context, EVP_sha256(), nil) == 1 else {
                fatalError("libcrypto could not start a SHA-256 digest")
            }
            self.context = context
        }

        deinit { EVP_MD_CTX_free(context) }

        func update(_ data: Data) {
            let updated = data.withUnsafeBytes { EVP_DigestUpdate(context, $0.baseAddress, $0.count) }
            precondition(updated == 1, "libcrypto's SHA-256 update failed")
        }

        func finish() -> String {
            var bytes = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
            var length: UInt32 = 0
            precondition(EVP_DigestFinal_ex(context, &bytes, &length) == 1 && length == 32, "libcrypto's SHA-256 failed")
            return bytes.prefix(32).map { String(format: "%02x", $0) }.joined()
        }
    }
}
