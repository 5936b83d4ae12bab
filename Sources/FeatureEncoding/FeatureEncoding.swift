// FeatureEncoding: work in progress.
