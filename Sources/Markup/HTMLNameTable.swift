/// Element names interned to small integers while a page is parsed, without a String per tag.
///
/// Ids below 128 are ``HTMLTag`` raw values; 128 ..< 256 are the few names libxml2's element rules
/// mention that ``HTMLTag`` does not (``HTMLElementRules/extraNames``); every other name met in a page gets
/// the next id from 256 on. Open addressing over an FNV-1a hash of the lower-cased name; the table is
/// seeded once with the known names and copied (copy-on-write) by each parse.
struct HTMLNameTable {
    /// Slot → entry index + 1 (0 = empty). Power-of-two size.
    private var slots: [Int32]
    /// Entry → its name as a range of ``names``, and its id.
    private var entries: [(start: Int32, count: Int32, id: UInt16)] = []
    /// All interned names, back to back.
    private var names: [UInt8] = []
    /// The next id for an unknown name.
    private(set) var nextID: UInt16 = 256

    /// The id used once 65,000 distinct names have been seen (a hostile page): such names share it.
    static let overflowID: UInt16 = 65_535

    /// The table with every known name (``HTMLTag`` and ``HTMLElementRules/extraNames``) interned.
    static let seeded: HTMLNameTable = {
        var t = HTMLNameTable(capacity: 1024)
        for tag in HTMLTag.allCases where tag != .other {
            t.insert(Array(tag.name.utf8), id: UInt16(tag.rawValue))
        }
        for (k, name) in HTMLElementRules.extraNames.enumerated() {
            t.insert(Array(name.utf8), id: UInt16(HTMLElementRules.firstExtraID + k))
        }
        return t
    }()

    private init(capacity: Int) { slots = [Int32](repeating: 0, count: capacity) }

    /// FNV-1a step, used while a name is read.
    @inline(__always) static func hash(_ h: UInt32, _ byte: UInt8) -> UInt32 { (h ^ UInt32(byte)) &* 16_777_619 }
    /// FNV-1a offset basis.
    static let hashSeed: UInt32 = 2_166_136_261

    /// The id of the lower-case name `name` whose hash is `h`, interning it when new.
    mutating func id(_ name: UnsafeBufferPointer<UInt8>, hash h: UInt32) -> UInt16 {
        let mask = slots.count - 1
        var s = Int(h) & mask
        while true {
            let e = Int(slots[s])
            if e == 0 { break }
            let entry = entries[e - 1]
            if Int(entry.count) == name.count, same(entry.start, name) { return entry.id }
            s = (s + 1) & mask
        }
        guard nextID < HTMLNameTable.overflowID else { return HTMLNameTable.overflowID }
        let id = nextID
        nextID += 1
        insert(Array(name), id: id)
        return id
    }

    private func same(_ start: Int32, _ name: UnsafeBufferPointer<UInt8>) -> Bool {
        var k = 0
        let base = Int(start)
        while k < name.count {
            if names[base + k] != name[k] { return false }
            k += 1
        }
        return true
    }

    private mutating func insert(_ name: [UInt8], id: UInt16) {
        if (entries.count + 1) * 2 > slots.count { grow() }
        var h = HTMLNameTable.hashSeed
        for b in name { h = HTMLNameTable.hash(h, b) }
        entries.append((Int32(names.count), Int32(name.count), id))
        names.append(contentsOf: name)
        place(entries.count - 1, hash: h)
    }

    private mutating func place(_ entry: Int, hash h: UInt32) {
        let mask = slots.count - 1
        var s = Int(h) & mask
        while slots[s] != 0 { s = (s + 1) & mask }
        slots[s] = Int32(entry + 1)
    }

    private mutating func grow() {
        slots = [Int32](repeating: 0, count: slots.count * 2)
        for (k, e) in entries.enumerated() {
            var h = HTMLNameTable.hashSeed
            for i in Int(e.start)..<Int(e.start + e.count) { h = HTMLNameTable.hash(h, names[i]) }
            place(k, hash: h)
        }
    }
}
