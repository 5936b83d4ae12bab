import Benchmark
import BoostedStumps
import Foundation
import LeadData
import MicroSupport

// BoostedStumps' StumpBooster on synthetic leads (16 features), default parameters but a fixed round count
// and no validation data, so every round runs. `fit` always bins first, so the cost of one round is read as
// (time of a fit with `rounds` rounds − time of a fit with 0 rounds) / rounds: the 0-round fit runs in the
// same iteration after the measured one (outside the tool's measurement) and gives `us per round`.

let rows = 1_000_000
let rounds = 100

func booster(rounds: Int) -> StumpBooster {
    StumpBooster(rounds: rounds, earlyStoppingPatience: nil, threads: cores)
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: standardMetrics + [rate("rows/s")],
        warmupIterations: 1,
        maxDuration: .seconds(15),
        maxIterations: 5
    )

    Benchmark("fit 0 rounds (binning, start) 1M leads x 16 features, \(cores) threads") { benchmark, leads in
        benchmark.startMeasurement()
        let (model, time) = try timed { try booster(rounds: 0).fit(leads) }
        blackHole(model)
        record(benchmark, rate("rows/s"), Double(leads.rowCount), per: time)
    } setup: {
        SyntheticData.leads(rows: rows)
    }

    var perRound = Benchmark.defaultConfiguration
    perRound.metrics += [count("us per round"), rate("rounds/s")]
    perRound.units[count("us per round")] = .count
    Benchmark("fit \(rounds) rounds 1M leads x 16 features, \(cores) threads", configuration: perRound) { benchmark, leads in
        benchmark.startMeasurement()
        let (model, time) = try timed { try booster(rounds: rounds).fit(leads) }
        benchmark.stopMeasurement()
        blackHole(model)
        guard model.history.roundsRun == rounds else {
            benchmark.error("ran \(model.history.roundsRun) rounds, not \(rounds): \(model.history.stopReason)")
            return
        }
        let (start, startTime) = try timed { try booster(rounds: 0).fit(leads) }
        blackHole(start)
        let roundTime = max(1e-9, time - startTime) / Double(rounds)
        record(benchmark, rate("rows/s"), Double(leads.rowCount), per: time)
        benchmark.measurement(count("us per round"), Int((roundTime * 1e6).rounded()))
        record(benchmark, rate("rounds/s"), 1, per: roundTime)
    } setup: {
        SyntheticData.leads(rows: rows)
    }
}
