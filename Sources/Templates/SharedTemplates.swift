import Foundation

/// The HTML templates (`Resources/templates/*.mustache`) and the style sheet (`Resources/style.css`) of the
/// web view, in a module of their own so that the HTML digest can render through them without depending on
/// the web server (Hummingbird): the first step of issue 18's "one template system for HTML".
public enum SharedTemplates {
    /// The `Resources` folder of this module's bundle, or nil when the bundle has none.
    public static var resources: URL? { Bundle.module.url(forResource: "Resources", withExtension: nil) }
}
