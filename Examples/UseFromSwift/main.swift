import CardTraining
import LeadData
import RuleScoring
import ScoreCardFormat

// Learn a card from historical leads: the same pipeline as `leadscore train` (test split, 4-fold
// cross-fitting, integer points, calibration and tiers on out-of-fold totals, figures on test).
var options = TrainingOptions()            // boosted stumps, 0–100 points, hot / warm / cold by share of leads
options.seed = 7
options.monotone = ["days_since_last_activity": .decreasing]
let trainer = CardTrainer(options: options)
let result = try trainer.train(csv: "datasets/synthetic/leads.csv",
                               loadOptions: LoadOptions(excluded: ["lead_id"], target: "converted"))
let report = result.report
print("test AUC: model \(report.modelTest.auc), card \(report.cardTest.auc) on \(report.rows.test) leads")
print("tiers:", result.card.tiers.map { "\($0.name) from \($0.minimumPoints)" }.joined(separator: ", "))
try result.card.write(toPath: "card.json")

// Score new leads with the card alone: no trainer, no BLAS. Absent fields count as missing.
let scorer = try RuleScorer(path: "card.json")
let lead = scorer.score(["demo_requested": "yes", "pricing_page_visits": "3", "job_level": "Director"])
print("lead: \(lead.display) points, tier \(lead.tier?.name ?? "none"), probability \(lead.probability ?? 0)")
