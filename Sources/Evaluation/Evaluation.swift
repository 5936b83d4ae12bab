// Evaluation: work in progress.
