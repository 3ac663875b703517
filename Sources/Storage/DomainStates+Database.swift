import GRDB
import VeilleCore

// The domain states are stored as their raw strings: bound as parameters and read back from columns.
extension DeltaKind: DatabaseValueConvertible {}
extension SourceStatus: DatabaseValueConvertible {}
extension RunStatus: DatabaseValueConvertible {}
extension DigestFormat: DatabaseValueConvertible {}
extension SourceConfig.Kind: DatabaseValueConvertible {}
