import LeadData

extension CardTrainer {
    /// `plan`, for the card's own training: the same split and holdout and the test leads, built from leads
    /// given up to it. With a validation split (above `Holdout.crossFittingRows` leads, not time-ordered) the
    /// loaded leads are partitioned column by column into train, validation and test
    /// (`Dataset.partitioned(into:)`), so they and their parts never coexist whole: the peak of `train` holds
    /// one copy of the typed columns instead of two; likewise the leads before test and the test leads of
    /// cross-fitting. Time-ordered leads go through `plan` as before (their parts overlap: `all` is train
    /// and validation). The parts hold the same values in the same order as `plan`'s, so the card is the
    /// same (`LeanPlanTests`).
    func plan(consuming dataset: consuming Dataset, separateTest: Dataset?) throws(SplitError) -> (DataSplit, Holdout, test: Dataset) {
        let seed = options.seed
        let parts = try dataset.split(options.split.method(seed: seed), validationFraction: separateTest != nil ? 0.25 : 0.2,
                                      testFraction: separateTest != nil ? 0 : 0.2)
        if options.split.isTimeOrdered {
            let (_, holdout) = try plan(dataset, separateTest: separateTest != nil)
            return (parts, holdout, separateTest ?? dataset.selecting(parts.test))
        }
        if parts.train.count + parts.validation.count > Holdout.crossFittingRows {
            if let separateTest {
                let split = (consume dataset).partitioned(into: [parts.train, parts.validation])
                return (parts, .split(train: split[0], validation: split[1]), separateTest)
            }
            let split = (consume dataset).partitioned(into: [parts.train, parts.validation, parts.test])
            return (parts, .split(train: split[0], validation: split[1]), split[2])
        }
        // Cross-fitting: the leads before test, in file order, and the test leads.
        if let separateTest {
            let leads = consume dataset
            return (parts, .folds(leads: leads, heldOut: try leads.stratifiedFolds(Holdout.foldCount, seed: seed)), separateTest)
        }
        let split = (consume dataset).partitioned(into: [parts.rowsBeforeTest, parts.test])
        return (parts, .folds(leads: split[0], heldOut: try split[0].stratifiedFolds(Holdout.foldCount, seed: seed)), split[1])
    }
}
