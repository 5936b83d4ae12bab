// RuleScoring: work in progress.
