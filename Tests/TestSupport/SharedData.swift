import Foundation

/// Data sets that are not redistributed (licence unknown) live in the `shared` folder next to the
/// repository (`../shared`, as on the development machines and in CI) or where `LEADSCORE_SHARED` points.
/// Tests on them are named for it ("…FromTheSharedFolder") and fail, never skip, when the file is absent.
public enum SharedData {
    public static var folder: URL {
        if let path = ProcessInfo.processInfo.environment["LEADSCORE_SHARED"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent()   // Tests/TestSupport
            .deletingLastPathComponent().deletingLastPathComponent()         // the repository
            .deletingLastPathComponent().appendingPathComponent("shared")
    }

    /// The path of `relative` in the shared folder; throws a message saying where to put it when absent.
    public static func path(_ relative: String) throws -> String {
        let url = folder.appendingPathComponent(relative)
        guard FileManager.default.fileExists(atPath: url.path) else { throw Missing(path: url.path) }
        return url.path
    }

    public struct Missing: Error, CustomStringConvertible {
        public var path: String
        public var description: String {
            "\(path) is missing: tests on the X Education leads need the shared data sets next to the repository (../shared) or LEADSCORE_SHARED set to their folder"
        }
    }
}

/// The X Education leads (not shipped) and the load options every test and benchmark uses for them.
public let xEducationLeads = "datasets/x-education-leads/Leads.csv"
