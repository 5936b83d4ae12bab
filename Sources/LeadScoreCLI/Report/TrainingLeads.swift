import ScoreCardFormat

/// How many of the training file's leads the card was fitted on, validated on and tested on: the report's
/// "Trained on" line. `train --report` knows the exact counts (`TrainingReport.Rows`); `report` works them
/// out from the card's provenance the way the split drew them (`Dataset.split`: per outcome class for a
/// stratified split, rounded as it rounds).
struct TrainingLeads {
    var fit: Int
    /// Leads held out to choose rounds or the penalty, calibrate and set the tiers; under cross-fitting the
    /// fitting leads themselves, each held out once.
    var validation: Int
    var test: Int
    /// Cross-fitting folds, `nil` for a separate validation split.
    var folds: Int?

    init(fit: Int, validation: Int, test: Int, folds: Int?) {
        self.fit = fit
        self.validation = validation
        self.test = test
        self.folds = folds
    }

    /// From a card's provenance; `nil` when it does not record the training file's size and split.
    init?(provenance: Provenance?) {
        guard let provenance, let rows = provenance.data?.rows, let split = provenance.split else { return nil }
        var classes = [rows]
        if split.method == SplitRecord.stratified, let rate = provenance.data?.positiveRate {
            let positives = Int((rate * Double(rows)).rounded())
            classes = [rows - positives, positives]
        }
        let part = { (fraction: Double) in classes.reduce(0) { $0 + Int((Double($1) * fraction).rounded()) } }
        test = part(split.testFraction)
        // Boosted stumps record how many fold models they average: the fitting leads were cross-fitted.
        if case .number(let count)? = provenance.trainer?.settings["averagedModels"], count > 1 {
            folds = Int(count)
            fit = rows - test
            validation = fit
        } else {
            folds = nil
            validation = part(split.validationFraction)
            fit = rows - test - validation
        }
    }

    /// "12 000 to fit, 4 000 to validate (…), 4 000 to test".
    var text: String {
        let held = test == 0 ? "tested on another file" : "\(ReportNumber.count(test)) to test (never used before the test figures)"
        if let folds {
            return "\(ReportNumber.count(fit)) to fit and validate by \(folds)-fold cross-fitting (each lead held out once to choose rounds, calibrate and set the tiers), \(held)"
        }
        return "\(ReportNumber.count(fit)) to fit, \(ReportNumber.count(validation)) to validate (choose rounds or the penalty, calibrate, set the tiers), \(held)"
    }
}
