// Placeholder so the package builds while RuleScoring is written; delete when a real file lands.
