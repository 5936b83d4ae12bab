import Foundation
import LeadMath

/// Synthetic historical leads whose conversion log-odds are a known sum of per-criterion effects,
/// so tests and benchmarks can check that training recovers the truth.
///
/// The criteria mirror a B2B funnel: who the lead is (source, job level, company size) and what the
/// lead did (page views, pricing-page visits, e-mail clicks, webinar, whitepapers, demo request,
/// recency, forms). `industry` and the `noise_*` columns carry no signal; three columns have 5 % missing.
public struct SyntheticLeads: Sendable {
    /// One criterion's true effect on the log-odds of conversion.
    public struct Effect: Codable, Sendable, Equatable {
        /// One step of a numeric effect: values up to and including `upTo` (`nil`: any larger value).
        public struct Step: Codable, Sendable, Equatable {
            /// Largest value of the step (inclusive); `nil` for every larger value.
            public var upTo: Double?
            /// Log-odds the step adds.
            public var logOdds: Double
        }
        /// The column the effect is on.
        public var feature: String
        /// For categorical and boolean criteria: label → log-odds.
        public var levels: [String: Double]?
        /// For numeric criteria: ascending steps.
        public var steps: [Step]?
        /// Log-odds when the value is missing.
        public var missing: Double

        /// The effect of one raw value (`nil` = missing).
        public func logOdds(label: String) -> Double { levels?[label] ?? missing }

        /// The effect of one numeric value (NaN = missing).
        public func logOdds(value: Double) -> Double {
            guard !value.isNaN, let steps else { return missing }
            return steps.first { $0.upTo.map { value <= $0 } ?? true }?.logOdds ?? missing
        }
    }

    /// The truth: `logit P(converted) = intercept + Σ effects`.
    public struct Truth: Codable, Sendable, Equatable {
        /// Log-odds of a lead every effect gives 0.
        public var intercept: Double
        /// One effect per column that matters (the noise columns have none).
        public var effects: [Effect]

        /// The true effect of `feature`, or `nil` when it has none.
        public func effect(_ feature: String) -> Effect? { effects.first { $0.feature == feature } }
    }

    /// The truth every generated lead follows; tests check what training recovers against it.
    public static let truth = Truth(intercept: -3.2, effects: [
        Effect(feature: "lead_source", levels: ["web": 0, "referral": 1.2, "event": 0.6, "paid_search": 0.2, "partner": 0.9, "cold_list": -1.0], missing: 0),
        Effect(feature: "job_level", levels: ["c_level": 0.8, "vp": 0.7, "director": 0.5, "manager": 0.2, "individual": 0, "student": -1.5], missing: 0),
        Effect(feature: "industry", levels: Dictionary(uniqueKeysWithValues: (0..<12).map { ("industry_\($0)", 0.0) }), missing: 0),
        Effect(feature: "company_size", steps: [.init(upTo: 50, logOdds: 0), .init(upTo: 200, logOdds: 0.25), .init(upTo: nil, logOdds: 0.5)], missing: 0),
        Effect(feature: "page_views", steps: cappedLinear(slope: 0.05, cap: 15), missing: 0),
        Effect(feature: "pricing_page_visits", steps: cappedLinear(slope: 0.45, cap: 3), missing: 0),
        Effect(feature: "email_clicks", steps: cappedLinear(slope: 0.2, cap: 4), missing: 0),
        Effect(feature: "webinar_attended", levels: ["yes": 0.6, "no": 0], missing: 0),
        Effect(feature: "whitepaper_downloads", steps: cappedLinear(slope: 0.3, cap: 2), missing: 0),
        Effect(feature: "demo_requested", levels: ["yes": 1.8, "no": 0], missing: 0),
        Effect(feature: "days_since_last_activity", steps: [.init(upTo: 14, logOdds: 0), .init(upTo: 60, logOdds: -0.4), .init(upTo: nil, logOdds: -1.0)], missing: -0.4),
        Effect(feature: "form_submissions", steps: cappedLinear(slope: 0.25, cap: 3), missing: 0),
    ])

    /// Integer counts whose effect grows by `slope` per unit up to `cap`, then stays flat.
    private static func cappedLinear(slope: Double, cap: Int) -> [Effect.Step] {
        (0..<cap).map { Effect.Step(upTo: Double($0), logOdds: slope * Double($0)) } + [Effect.Step(upTo: nil, logOdds: slope * Double(cap))]
    }

    /// Leads to generate.
    public var rows: Int
    /// Seed of every draw: the same seed gives the same leads.
    public var seed: UInt64
    /// Pure-noise numeric columns, which a good card leaves out.
    public var noiseColumns: Int

    /// A generator of `rows` leads following `truth`.
    public init(rows: Int, seed: UInt64 = 1, noiseColumns: Int = 4) {
        self.rows = rows
        self.seed = seed
        self.noiseColumns = noiseColumns
    }

    /// The leads as a dataset with `converted` as outcome, plus each row's true conversion probability.
    public func generate() -> (dataset: Dataset, trueProbability: [Double]) {
        var random = SeededGenerator(seed: seed)
        var builder = ColumnBuilder(rows: rows)
        let truth = Self.truth
        var logOdds = [Double](repeating: truth.intercept, count: rows)

        func categorical(_ name: String, _ weights: [(String, Double)], missingRate: Double = 0) {
            let levels = weights.map(\.0)
            let cumulative = weights.map(\.1).reduce(into: [Double]()) { $0.append(($0.last ?? 0) + $1) }
            let effect = truth.effect(name)
            var codes = [Int32](repeating: -1, count: rows)
            for row in 0..<rows {
                if missingRate > 0, random.nextUniform() < missingRate {
                    logOdds[row] += effect?.missing ?? 0
                    continue
                }
                let u = random.nextUniform() * cumulative.last!
                let code = cumulative.firstIndex { u < $0 } ?? levels.count - 1
                codes[row] = Int32(code)
                logOdds[row] += effect?.logOdds(label: levels[code]) ?? 0
            }
            builder.add(name, role: .categorical, .categorical(codes: codes, levels: levels))
        }

        func numeric(_ name: String, role: ColumnRole = .numeric, missingRate: Double = 0, draw: (inout SeededGenerator) -> Double) {
            let effect = truth.effect(name)
            var values = [Double](repeating: .nan, count: rows)
            for row in 0..<rows {
                let value = draw(&random)
                if missingRate > 0, random.nextUniform() < missingRate {
                    logOdds[row] += effect?.missing ?? 0
                    continue
                }
                values[row] = value
                if role == .boolean {
                    logOdds[row] += effect?.logOdds(label: value == 1 ? "yes" : "no") ?? 0
                } else {
                    logOdds[row] += effect?.logOdds(value: value) ?? 0
                }
            }
            builder.add(name, role: role, role == .boolean ? .boolean(values) : .numeric(values))
        }

        builder.add("lead_id", role: .identifier, .none, distinct: rows)
        categorical("lead_source", [("web", 0.35), ("referral", 0.1), ("event", 0.1), ("paid_search", 0.25), ("partner", 0.1), ("cold_list", 0.1)])
        categorical("job_level", [("c_level", 0.05), ("vp", 0.1), ("director", 0.15), ("manager", 0.3), ("individual", 0.3), ("student", 0.1)])
        categorical("industry", (0..<12).map { ("industry_\($0)", 1) }, missingRate: 0.05)
        numeric("company_size", missingRate: 0.05) { ($0.normal(mean: 4, deviation: 1.5)).exponential.rounded() }
        numeric("page_views") { $0.poisson(6) }
        numeric("pricing_page_visits") { $0.poisson(0.6) }
        numeric("email_clicks") { $0.poisson(1) }
        numeric("webinar_attended", role: .boolean) { $0.nextUniform() < 0.15 ? 1 : 0 }
        numeric("whitepaper_downloads") { $0.poisson(0.5) }
        numeric("demo_requested", role: .boolean) { $0.nextUniform() < 0.05 ? 1 : 0 }
        numeric("days_since_last_activity", missingRate: 0.05) { (-30 * Foundation.log(1 - $0.nextUniform())).rounded() }
        numeric("form_submissions") { $0.poisson(0.8) }
        for index in 0..<noiseColumns {
            numeric("noise_\(index)") { ($0.normal(mean: 0, deviation: 1) * 1000).rounded() / 1000 }
        }

        var labels = [UInt8](repeating: 0, count: rows)
        var probabilities = [Double](repeating: 0, count: rows)
        for row in 0..<rows {
            probabilities[row] = logistic(logOdds[row])
            labels[row] = random.nextUniform() < probabilities[row] ? 1 : 0
        }
        let outcome = Outcome(column: "converted", positiveLabel: "1", negativeLabel: "0", droppedMissing: 0)
        let dataset = Dataset(source: "synthetic(rows: \(rows), seed: \(seed))", columns: builder.columns,
                              labels: labels, outcome: outcome, rowCount: rows)
        return (dataset, probabilities)
    }
}

/// Collects generated columns with their summary counts.
struct ColumnBuilder {
    let rows: Int
    var columns: [DataColumn] = []

    mutating func add(_ name: String, role: ColumnRole, _ values: ColumnValues, distinct: Int? = nil) {
        let (missing, distinctCount): (Int, Int)
        switch values {
        case .numeric(let v), .boolean(let v), .date(let v):
            missing = v.reduce(0) { $0 + ($1.isNaN ? 1 : 0) }
            distinctCount = Set(v.filter { !$0.isNaN }).count
        case .categorical(let codes, _):
            missing = codes.reduce(0) { $0 + ($1 < 0 ? 1 : 0) }
            distinctCount = Set(codes.filter { $0 >= 0 }).count
        case .none:
            (missing, distinctCount) = (0, distinct ?? 0)
        }
        columns.append(DataColumn(name: name, role: role, values: values, missingCount: missing, distinctCount: distinctCount))
    }
}

extension SeededGenerator {
    /// Box–Muller; one of the pair is discarded to keep the sequence simple.
    mutating func normal(mean: Double, deviation: Double) -> Double {
        let u1 = 1 - nextUniform(), u2 = nextUniform()
        return mean + deviation * (-2 * Foundation.log(u1)).squareRoot() * Foundation.cos(2 * .pi * u2)
    }

    /// Knuth's multiplication method; fine for the small means used here.
    mutating func poisson(_ mean: Double) -> Double {
        let limit = Foundation.exp(-mean)
        var count = -1.0, product = 1.0
        repeat {
            count += 1
            product *= nextUniform()
        } while product > limit
        return count
    }
}

private extension Double {
    var exponential: Double { Foundation.exp(self) }
}
