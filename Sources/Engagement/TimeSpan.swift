/// A length of time written the way people write one: `90d`, `12h`, `2w`, `45m`, `30s` (a number and a
/// unit), kept in seconds because timestamps are seconds since 1970.
public struct TimeSpan: Sendable, Equatable, CustomStringConvertible {
    /// The length in seconds.
    public var seconds: Double

    /// A span of this many seconds.
    public init(seconds: Double) { self.seconds = seconds }
    /// A span of this many days (86 400 seconds each).
    public init(days: Double) { seconds = days * 86_400 }

    /// The length in days, possibly fractional.
    public var days: Double { seconds / 86_400 }

    /// Parses `90d`, `12h`, `2w`, `45m`, `30s`, or a bare number of days.
    public init(parsing text: String) throws(EngagementError) {
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86_400, "w": 604_800]
        var body = Substring(text.trimmingCharacters(in: " "))
        var unit = 86_400.0
        if let last = body.last, let scale = units[last] {
            unit = scale
            body = body.dropLast()
        }
        guard let value = Double(body), value.isFinite, value > 0 else {
            throw EngagementError(.badValue, message: "\"\(text)\" is not a length of time; write e.g. 90d, 12h, 2w")
        }
        seconds = value * unit
    }

    public var description: String {
        let days = days
        return days == days.rounded() ? "\(Int(days))d" : "\(seconds)s"
    }
}

private extension String {
    func trimmingCharacters(in set: Character) -> String {
        String(drop { $0 == set }.reversed().drop { $0 == set }.reversed())
    }
}

/// When snapshots are taken and what their label asks.
public struct SnapshotPlan: Sendable, Equatable {
    /// A snapshot every this often from each lead's creation (`--snapshot every:7d`).
    public var every: TimeSpan
    /// The label: converts within this long after the snapshot (`--horizon 90d`).
    public var horizon: TimeSpan
    /// The moment the data ends (seconds since 1970); `nil`: the latest timestamp in the leads and events.
    /// A snapshot whose horizon passes it on a lead still open then has no known label and is left out.
    public var observedUntil: Double?

    /// A plan with these settings; by default a snapshot every 7 days, a 90-day horizon, and the end taken
    /// from the data.
    public init(every: TimeSpan = TimeSpan(days: 7), horizon: TimeSpan = TimeSpan(days: 90), observedUntil: Double? = nil) {
        self.every = every
        self.horizon = horizon
        self.observedUntil = observedUntil
    }

    /// Parses `every:7d` (the form `--snapshot` takes).
    public static func every(parsing text: String) throws(EngagementError) -> TimeSpan {
        guard text.hasPrefix("every:") else {
            throw EngagementError(.badValue, message: "\"\(text)\" is not a snapshot rule; write every:7d")
        }
        return try TimeSpan(parsing: String(text.dropFirst("every:".count)))
    }
}
