/// The numbers behind the leakage screen's verdicts, documented in `docs/leakage.md`. The defaults are
/// chosen so that, on the public data sets the project ships tests for, the columns known to be filled in
/// after the outcome are named and ordinary strong predictors are not (see the doc for the figures).
public struct LeakageThresholds: Sendable, Equatable, Codable {
    /// Held-out single-column AUC at which one column alone nearly decides the outcome (a likely leak).
    public var decisiveAUC: Double
    /// Held-out single-column AUC that few honest lead fields reach: the column is suspect on its own.
    public var strongAUC: Double
    /// Held-out information value that counts as "very strong": in the usual reading of IV (Siddiqi),
    /// above 0.5 is "suspicious, too good to be true". Alone it flags nothing (real predictors reach it),
    /// but it makes a name, value or purity finding a likely leak.
    public var strongInformationValue: Double
    /// Held-out information value below which a column is too weak to leak much ("weak" below 0.1), so
    /// name, value and purity findings on it are not reported.
    public var relevantInformationValue: Double
    /// Training rows a value needs before "it occurs with only one outcome" means something.
    public var pureValueMinimumRows: Int
    /// A value is near-pure when its less common outcome is at most this share of its training rows.
    public var nearPureMinorityShare: Double
    /// Near-pure values must cover at least this share of training rows to be reported.
    public var nearPureCoverage: Double
    /// A placeholder (such as `Select`) is reported when it is at least this share of a column's values.
    public var placeholderMinimumShare: Double
    /// Share of leads held out to measure each column on.
    public var heldOutFraction: Double
    /// Quantile bins of a numeric column (fewer when values repeat), plus one for missing.
    public var numericBins: Int

    /// The documented defaults; tests move one at a time to check both sides of each rule.
    public init(decisiveAUC: Double = 0.90, strongAUC: Double = 0.80, strongInformationValue: Double = 0.5,
                relevantInformationValue: Double = 0.10, pureValueMinimumRows: Int = 10, nearPureMinorityShare: Double = 0.02,
                nearPureCoverage: Double = 0.05, placeholderMinimumShare: Double = 0.01, heldOutFraction: Double = 0.25,
                numericBins: Int = 20) {
        self.decisiveAUC = decisiveAUC
        self.strongAUC = strongAUC
        self.strongInformationValue = strongInformationValue
        self.relevantInformationValue = relevantInformationValue
        self.pureValueMinimumRows = pureValueMinimumRows
        self.nearPureMinorityShare = nearPureMinorityShare
        self.nearPureCoverage = nearPureCoverage
        self.placeholderMinimumShare = placeholderMinimumShare
        self.heldOutFraction = heldOutFraction
        self.numericBins = numericBins
    }
}
