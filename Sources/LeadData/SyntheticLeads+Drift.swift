import Foundation
import LeadCSV
import LeadMath

/// Synthetic leads over time whose truth changes from month to month, so tests and benchmarks can check
/// what happens to a card after deployment: out-of-time evaluation, monitoring, recalibration.
///
/// The leads carry a `created_at` date over `months` months (equal volume per month, in date order) and
/// the columns of `SyntheticLeads`. What drifts, linearly in the month from the first to the last:
/// - the base rate: the intercept rises by 1.4 (the conversion rate roughly triples);
/// - feature distributions: `page_views` Poisson mean 6 → 10, `days_since_last_activity` mean 30 → 50
///   days, `demo_requested` 5 % → 12 %, `lead_source` moves from `web` and `event` towards `paid_search`,
///   and a new source `chatbot` appears in the last third (a category the early months never saw);
/// - effects: `demo_requested` 1.8 → 0.8, the `pricing_page_visits` slope 0.45 → 0.15, `event` source
///   +0.6 → −0.4 (a reversal), `webinar_attended` 0.6 → 1.2; `chatbot` is worth +0.8.
/// Every other effect is `SyntheticLeads.truth`'s. The truth of each month is returned beside the data.
///
/// Converted leads also carry `converted_at`: the creation date plus an exponential wait whose mean is
/// `DriftingLeads.meanDaysToConvert(liftOverBase:)`: 60 days for a lead no better than the month's base
/// log-odds, shorter the stronger the lead (down to 5 days), so better tiers convert faster. Lost leads
/// leave it empty.
public struct DriftingLeads: Sendable {
    /// Leads to generate, spread over the months.
    public var rows: Int
    /// Seed of every draw: the same seed gives the same leads.
    public var seed: UInt64
    /// Months the leads span; the truth drifts from the first to the last.
    public var months: Int
    /// Pure-noise numeric columns, which a good card leaves out.
    public var noiseColumns: Int
    /// First day of the first month.
    public var startYear: Int, startMonth: Int

    /// A generator; the defaults give two years of monthly drift from January 2024.
    public init(rows: Int, seed: UInt64 = 1, months: Int = 24, noiseColumns: Int = 2, startYear: Int = 2024, startMonth: Int = 1) {
        self.rows = rows
        self.seed = seed
        self.months = months
        self.noiseColumns = noiseColumns
        self.startYear = startYear
        self.startMonth = startMonth
    }

    /// One month's truth: the generating parameters and what the generated leads of that month did.
    public struct Period: Codable, Sendable, Equatable {
        /// "2024-01".
        public var period: String
        /// Leads created in the month and how many converted (drawn).
        public var leads: Int
        /// Leads of the month that converted (drawn from the true probabilities).
        public var conversions: Int
        /// Mean of the month's leads' true conversion probabilities: the rate the drawn outcomes estimate.
        public var expectedRate: Double
        /// `logit P(converted) = intercept + Σ effects` in this month.
        public var truth: SyntheticLeads.Truth
        /// The month's feature distributions.
        public var leadSourceShares: [String: Double]
        /// Mean of the month's page views.
        public var pageViewsMean: Double
        /// Mean of the month's days since the last activity.
        public var daysSinceLastActivityMean: Double
        /// Share of the month's leads that requested a demo.
        public var demoRequestRate: Double
    }

    /// What the generator did, month by month.
    public struct DriftTruth: Codable, Sendable, Equatable {
        /// The column holding each lead's creation date.
        public var dateColumn: String
        /// One entry per month, in order.
        public var periods: [Period]
    }

    /// The generating parameters of a month, `t` = 0 in the first month and 1 in the last.
    struct MonthParameters {
        var truth: SyntheticLeads.Truth
        var leadSources: [(String, Double)]
        var pageViewsMean: Double
        var daysMean: Double
        var demoRate: Double

        init(t: Double, chatbotLive: Bool) {
            let base = SyntheticLeads.truth
            var effects = base.effects
            func change(_ feature: String, _ edit: (inout SyntheticLeads.Effect) -> Void) {
                if let index = effects.firstIndex(where: { $0.feature == feature }) { edit(&effects[index]) }
            }
            change("lead_source") {
                $0.levels?["event"] = 0.6 - 1.0 * t
                $0.levels?["chatbot"] = 0.8
            }
            change("demo_requested") { $0.levels?["yes"] = 1.8 - 1.0 * t }
            change("webinar_attended") { $0.levels?["yes"] = 0.6 + 0.6 * t }
            change("pricing_page_visits") { effect in
                let slope = 0.45 - 0.30 * t
                effect.steps = (0..<3).map { SyntheticLeads.Effect.Step(upTo: Double($0), logOdds: slope * Double($0)) }
                    + [SyntheticLeads.Effect.Step(upTo: nil, logOdds: slope * 3)]
            }
            truth = SyntheticLeads.Truth(intercept: base.intercept + 1.4 * t, effects: effects)
            leadSources = [("web", 0.35 - 0.15 * t), ("referral", 0.1), ("event", 0.1 - 0.05 * t), ("paid_search", 0.25 + 0.2 * t),
                           ("partner", 0.1), ("cold_list", 0.1), ("chatbot", chatbotLive ? 0.15 : 0)]
            pageViewsMean = 6 + 4 * t
            daysMean = 30 + 20 * t
            demoRate = 0.05 + 0.07 * t
        }
    }

    /// Mean days from creation to conversion of a converted lead whose log-odds exceed its month's
    /// intercept by `liftOverBase`: 60 · e^(−0.6 · lift), within 5…60.
    public static func meanDaysToConvert(liftOverBase: Double) -> Double {
        min(60, max(5, 60 * Foundation.exp(-0.6 * liftOverBase)))
    }

    /// The leads (outcome `converted`, dates in `created_at`) and the truth of every month.
    public func generate() -> (dataset: Dataset, truth: DriftTruth) {
        precondition(months >= 2 && rows >= months, "a drifting set needs at least 2 months and a lead per month")
        var random = SeededGenerator(seed: seed)
        let parameters = (0..<months).map { month in
            MonthParameters(t: Double(month) / Double(months - 1), chatbotLive: month >= months * 2 / 3)
        }
        let sources = parameters[0].leadSources.map(\.0)
        let jobLevels: [(String, Double)] = [("c_level", 0.05), ("vp", 0.1), ("director", 0.15), ("manager", 0.3), ("individual", 0.3), ("student", 0.1)]
        var dates = [Double](repeating: 0, count: rows)
        var source = [Int32](repeating: 0, count: rows), job = [Int32](repeating: 0, count: rows), industry = [Int32](repeating: -1, count: rows)
        var size = [Double](repeating: .nan, count: rows), views = [Double](repeating: 0, count: rows)
        var pricing = [Double](repeating: 0, count: rows), clicks = [Double](repeating: 0, count: rows)
        var webinar = [Double](repeating: 0, count: rows), papers = [Double](repeating: 0, count: rows)
        var demo = [Double](repeating: 0, count: rows), days = [Double](repeating: .nan, count: rows)
        var forms = [Double](repeating: 0, count: rows)
        var noise = [[Double]](repeating: [Double](repeating: 0, count: rows), count: noiseColumns)
        var probability = [Double](repeating: 0, count: rows)
        var labels = [UInt8](repeating: 0, count: rows)
        var monthOfRow = [Int](repeating: 0, count: rows)
        var convertedAt = [Double](repeating: .nan, count: rows)

        func pick(_ weights: [(String, Double)], _ random: inout SeededGenerator) -> Int {
            let total = weights.reduce(0) { $0 + $1.1 }
            var u = random.nextUniform() * total
            for (index, weight) in weights.enumerated() {
                if u < weight.1 { return index }
                u -= weight.1
            }
            return weights.lastIndex { $0.1 > 0 } ?? 0
        }

        var row = 0
        for month in 0..<months {
            let count = rows * (month + 1) / months - rows * month / months
            let p = parameters[month]
            let (year, monthOfYear) = (startYear + (startMonth - 1 + month) / 12, (startMonth - 1 + month) % 12 + 1)
            let firstDay = ISODate.daysSinceEpoch(year: year, month: monthOfYear, day: 1)
            let length = ISODate.daysIn(month: monthOfYear, year: year)
            let dayOffsets = (0..<count).map { _ in Int(random.nextUniform() * Double(length)) }.sorted()
            for offset in dayOffsets {
                monthOfRow[row] = month
                dates[row] = Double(firstDay + offset) * 86_400
                let truth = p.truth
                var logOdds = truth.intercept
                func add(_ feature: String, label: String) { logOdds += truth.effect(feature)?.logOdds(label: label) ?? 0 }
                func add(_ feature: String, value: Double) { logOdds += truth.effect(feature)?.logOdds(value: value) ?? 0 }
                source[row] = Int32(pick(p.leadSources, &random))
                add("lead_source", label: sources[Int(source[row])])
                job[row] = Int32(pick(jobLevels, &random))
                add("job_level", label: jobLevels[Int(job[row])].0)
                if random.nextUniform() >= 0.05 { industry[row] = Int32(random.nextUniform() * 12) }
                let companySize = random.normal(mean: 4, deviation: 1.5).exponentialValue.rounded()
                if random.nextUniform() >= 0.05 { size[row] = companySize }
                add("company_size", value: size[row])
                views[row] = random.poisson(p.pageViewsMean)
                add("page_views", value: views[row])
                pricing[row] = random.poisson(0.6)
                add("pricing_page_visits", value: pricing[row])
                clicks[row] = random.poisson(1)
                add("email_clicks", value: clicks[row])
                webinar[row] = random.nextUniform() < 0.15 ? 1 : 0
                add("webinar_attended", label: webinar[row] == 1 ? "yes" : "no")
                papers[row] = random.poisson(0.5)
                add("whitepaper_downloads", value: papers[row])
                demo[row] = random.nextUniform() < p.demoRate ? 1 : 0
                add("demo_requested", label: demo[row] == 1 ? "yes" : "no")
                let recency = (-p.daysMean * Foundation.log(1 - random.nextUniform())).rounded()
                if random.nextUniform() >= 0.05 { days[row] = recency }
                add("days_since_last_activity", value: days[row])
                forms[row] = random.poisson(0.8)
                add("form_submissions", value: forms[row])
                for index in 0..<noiseColumns { noise[index][row] = (random.normal(mean: 0, deviation: 1) * 1000).rounded() / 1000 }
                probability[row] = logistic(logOdds)
                labels[row] = random.nextUniform() < probability[row] ? 1 : 0
                let wait = -Self.meanDaysToConvert(liftOverBase: logOdds - truth.intercept) * Foundation.log(1 - random.nextUniform())
                if labels[row] == 1 { convertedAt[row] = dates[row] + wait.rounded() * 86_400 }
                row += 1
            }
        }

        var builder = ColumnBuilder(rows: rows)
        builder.add("lead_id", role: .identifier, .none, distinct: rows)
        builder.add("created_at", role: .date, .date(dates))
        builder.add("lead_source", role: .categorical, .categorical(codes: source, levels: sources))
        builder.add("job_level", role: .categorical, .categorical(codes: job, levels: jobLevels.map(\.0)))
        builder.add("industry", role: .categorical, .categorical(codes: industry, levels: (0..<12).map { "industry_\($0)" }))
        builder.add("company_size", role: .numeric, .numeric(size))
        builder.add("page_views", role: .numeric, .numeric(views))
        builder.add("pricing_page_visits", role: .numeric, .numeric(pricing))
        builder.add("email_clicks", role: .numeric, .numeric(clicks))
        builder.add("webinar_attended", role: .boolean, .boolean(webinar))
        builder.add("whitepaper_downloads", role: .numeric, .numeric(papers))
        builder.add("demo_requested", role: .boolean, .boolean(demo))
        builder.add("days_since_last_activity", role: .numeric, .numeric(days))
        builder.add("form_submissions", role: .numeric, .numeric(forms))
        for index in 0..<noiseColumns { builder.add("noise_\(index)", role: .numeric, .numeric(noise[index])) }
        builder.add("converted_at", role: .date, .date(convertedAt))
        let outcome = Outcome(column: "converted", positiveLabel: "1", negativeLabel: "0", droppedMissing: 0)
        let dataset = Dataset(source: "synthetic drifting(rows: \(rows), seed: \(seed), months: \(months))", columns: builder.columns,
                              labels: labels, outcome: outcome, rowCount: rows)

        let periods = (0..<months).map { month -> Period in
            let members = monthOfRow.indices.filter { monthOfRow[$0] == month }
            let p = parameters[month]
            let (year, monthOfYear) = (startYear + (startMonth - 1 + month) / 12, (startMonth - 1 + month) % 12 + 1)
            let total = p.leadSources.reduce(0) { $0 + $1.1 }
            return Period(
                period: String(format: "%04d-%02d", year, monthOfYear), leads: members.count,
                conversions: members.reduce(0) { $0 + Int(labels[$1]) },
                expectedRate: members.reduce(0) { $0 + probability[$1] } / Double(max(members.count, 1)),
                truth: p.truth,
                leadSourceShares: Dictionary(uniqueKeysWithValues: p.leadSources.map { ($0.0, $0.1 / total) }),
                pageViewsMean: p.pageViewsMean, daysSinceLastActivityMean: p.daysMean, demoRequestRate: p.demoRate)
        }
        return (dataset, DriftTruth(dateColumn: "created_at", periods: periods))
    }
}

extension Double {
    var exponentialValue: Double { Foundation.exp(self) }
}
