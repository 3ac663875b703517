// libxml2 for Swift. xmlversion.h first, then LIBXML_ICU_ENABLED undefined, or Foundation and libxml2
// clash over ICU types. xmlFree is a global function pointer that Swift 6 rejects: wrapped below.
// Only the Markup module imports this.
#ifndef VEILLE_CLIBXML2_SHIM_H
#define VEILLE_CLIBXML2_SHIM_H
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>
#include <libxml/SAX2.h>
#include <libxml/uri.h>
#include <libxml/encoding.h>

static inline void veille_xml_free(void *p) { xmlFree(p); }

/// The running libxml2's version (`20914` for 2.9.14): `xmlParserVersion` is a macro in threaded builds.
static inline const char *veille_xml_parser_version(void) { return xmlParserVersion; }

/// Silences libxml2's default error printer (errors are collected by the caller, not printed).
static inline void veille_xml_silence_errors(void) {
    xmlSetGenericErrorFunc(NULL, NULL);
    xmlSetStructuredErrorFunc(NULL, NULL);
}
static inline void veille_xml_noop_error(void *ctx, const char *msg, ...) { (void)ctx; (void)msg; }
static inline void veille_xml_install_quiet_handlers(void) {
    xmlSetGenericErrorFunc(NULL, veille_xml_noop_error);
}
// The SAX tree builder (Markup/HTMLTreeSAX.swift) hands its parser context
// the encoding decided by the charset rule.
#include <libxml/parserInternals.h>
static inline int veille_html_switch_encoding(htmlParserCtxtPtr ctxt, const char *label) {
    xmlCharEncodingHandlerPtr h = xmlFindCharEncodingHandler(label);
    return h == NULL ? -1 : xmlSwitchToEncoding(ctxt, h);
}
#endif
