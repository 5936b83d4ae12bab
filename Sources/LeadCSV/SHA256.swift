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
        let file = open(path, O_RDONLY | O_CLOEXEC)
        guard file >= 0 else {
            throw CSVWriteError(path: path, reason: "cannot open the file to fingerprint it (\(String(cString: strerror(errno))))")
        }
        defer { close(file) }
        let digest = Digest()
        // One buffer reused for every read: a new `Data` per megabyte cost as much as the digest itself.
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 22, alignment: 64)
        defer { buffer.deallocate() }
        while true {
            let count = read(file, buffer.baseAddress, buffer.count)
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                throw CSVWriteError(path: path, reason: "cannot read the file to fingerprint it (\(String(cString: strerror(errno))))")
            }
            digest.update(UnsafeRawBufferPointer(rebasing: buffer[..<count]))
        }
        return digest.finish()
    }

    package static func hexDigest(of bytes: some Sequence<UInt8>) -> String {
        let digest = Digest()
        Array(bytes).withUnsafeBytes { digest.update($0) }
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

        func update(_ bytes: UnsafeRawBufferPointer) {
            precondition(EVP_DigestUpdate(context, bytes.baseAddress, bytes.count) == 1, "libcrypto's SHA-256 update failed")
        }

        func finish() -> String {
            var bytes = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
            var length: UInt32 = 0
            precondition(EVP_DigestFinal_ex(context, &bytes, &length) == 1 && length == 32, "libcrypto's SHA-256 failed")
            return bytes.prefix(32).map { String(format: "%02x", $0) }.joined()
        }
    }
}
