import Foundation

enum ExperimentX {
    static let mask: Int = Int(ProcessInfo.processInfo.environment["VEILLE_X"] ?? "") ?? 0xFFFF
    static func on(_ bit: Int) -> Bool { mask & bit != 0 }
}
