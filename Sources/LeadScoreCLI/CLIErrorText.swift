import BoostedStumps
import CardTraining
import FeatureEncoding
import LeadData
import LinearModels
import PointExport

/// The library's errors say what to change in its own terms (`LoadOptions.target`, "the role date");
/// here they become the `leadscore` flags that change it. Errors without advice keep their text.
enum CLIErrorText {
    static func message(_ error: any Error) -> String {
        CLIFlagText.flags(in: text(error))
    }

    private static func text(_ error: any Error) -> String {
        switch error {
        case let error as LoadError: return "\(error.location): \(load(error))"
        case let error as TrainingError: return training(error)
        case let error as SplitError: return split(error)
        case let error as StumpBoosterError: return stumps(error)
        case let error as BinningError: return binning(error)
        case let error as DesignError: return design(error)
        case LogisticRegressionError.noOutcome: return "the data has no outcome column to learn from; name it with --target"
        case PointExportError.noOutcome: return "the training data has no outcome column; name it with --target"
        default: return "\(error)"
        }
    }

    private static func load(_ error: LoadError) -> String {
        let column = error.location.columnName ?? "?"
        let text = error.value ?? ""
        switch error.kind {
        case .unexpectedValue:
            let message = error.message
            guard let advice = message.range(of: " If ") else { return message }
            let numbers = message[advice.lowerBound...].hasPrefix(" If the column holds numbers")
                ? " If the column holds numbers (counts, amounts), pass --role '\(column)=numeric'; if" : " If"
            return String(message[..<advice.lowerBound]) + numbers
                + " \"\(text)\" means no value, pass --missing '\(text)'; if the column holds labels, pass --role '\(column)=categorical'"
        case .tooManyOutcomeValues:
            return error.message.replacingOccurrences(of: "(LoadOptions.missingTokens)", with: "(--missing '\(text)')")
        case .singleOutcomeValue:
            return error.message.replacingOccurrences(of: "that the target column is right", with: "that --target is right")
        case .noOutcomes:
            return error.message.replacingOccurrences(of: "check the target column and the missing-value texts", with: "check --target and --missing")
        case .ambiguousPositive(let values):
            return "cannot tell which value of the target \"\(column)\" means converted: \"\(values[0])\" or"
                + " \"\(values[1])\"; pass --positive '\(values[0])' or --positive '\(values[1])'"
        case .unknownPositive:
            return "--positive" + error.message.dropFirst("the positive label".count)
        default:
            return error.message
        }
    }

    private static func training(_ error: TrainingError) -> String {
        switch error {
        case .invalidOption(.scaleTooSmall): return "--scale must be at least 2"
        case .invalidOption(.maxCriteriaBelowOne): return "--max-criteria must be at least 1"
        case .invalidOption(.roundsBelowOne): return "--rounds must be at least 1"
        case .invalidOption(.learningRateOutOfRange): return "--learning-rate must be above 0 and at most 1"
        case .noOutcome(let data): return "\(data): the leads have no outcome column; name it with --target"
        case .splitting(let data, let error): return "\(data): \(split(error))"
        case .fitting(let data, let model, let error): return "\(data): training \(model) failed: \(text(error))"
        case .export(let data, .invalidTiers(let reason)):
            return "\(data): the tiers do not fit this card: \(reason); give other thresholds with --tiers hot:POINTS,warm:POINTS,"
                + " fewer tiers, or --tiers-by capacity:20%,30%"
        case .export(let data, .noSignal):
            return "\(data): no criterion changes the score: the model found no effect that holds on held-out leads"
                + " (with few leads, early stopping keeps no round); train on more leads, or check --exclude and --role"
        default: return "\(error)"
        }
    }

    private static func split(_ error: SplitError) -> String {
        switch error {
        case .noOutcome: return "the data has no outcome column; name it with --target"
        case .notOrderable(let column, let role):
            return "column '\(column)' is \(role.rawValue); --split time: needs a date or numeric column (override its role with --role '\(column)=date')"
        default: return error.description
        }
    }

    private static func stumps(_ error: StumpBoosterError) -> String {
        switch error {
        case .noLabels(let part): return "the \(part) data has no outcome column; name it with --target"
        case .binning(let error): return binning(error)
        case .invalidConstraint(let feature, let reason): return "--increasing/--decreasing '\(feature)': \(reason)"
        default: return error.description
        }
    }

    private static func binning(_ error: BinningError) -> String {
        guard case .roleMismatch(let column, let expected, let found) = error else { return error.description }
        return "column '\(column)' is \(found.rawValue) here but was \(expected.rawValue) in training (set its role with --role '\(column)=\(expected.rawValue)')"
    }

    private static func design(_ error: DesignError) -> String {
        switch error {
        case .roleChanged(let column, let fitted, let found):
            return "column '\(column)' was \(fitted.rawValue) in the training data but is \(found.rawValue) here; set its role with --role '\(column)=\(fitted.rawValue)'"
        case .binning(let error): return "binning numeric columns: \(binning(error))"
        default: return error.description
        }
    }
}
