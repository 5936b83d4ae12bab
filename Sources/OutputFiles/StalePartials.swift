#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Partial files that a killed process (SIGKILL, a crash, power loss) could not remove: `.NAME.PID.partial`
/// whose process no longer exists. Only the partials of the output being written are looked at, and only
/// regular files whose name is exactly that pattern, so nothing else in the folder is ever touched.
enum StalePartials {
    /// Removes `.name.PID.partial` files in `folder` whose PID is not a running process.
    static func remove(named name: String, in folder: String) {
        guard let directory = opendir(folder) else { return }
        defer { closedir(directory) }
        let prefix = "." + name + ".", suffix = ".partial"
        while let entry = readdir(directory) {
            let entryName = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard entryName.hasPrefix(prefix), entryName.hasSuffix(suffix),
                  entryName.count > prefix.count + suffix.count,
                  let pid = pid_t(entryName.dropFirst(prefix.count).dropLast(suffix.count)), pid > 0,
                  pid != getpid(), !isRunning(pid) else { continue }
            let path = (folder == "/" ? "" : folder) + "/" + entryName
            var status = stat()
            if lstat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG { unlink(path) }
        }
    }

    /// Whether a process with this id exists (one we may not signal still exists: EPERM).
    static func isRunning(_ pid: pid_t) -> Bool {
        kill(pid, 0) == 0 || errno == EPERM
    }
}
