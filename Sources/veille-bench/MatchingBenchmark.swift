enum MatchingBenchmark { static func run(arguments: [String]) -> String { "todo" } }
