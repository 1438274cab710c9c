// stdlib/pyexpat/pyexpat_internal.h — what the two files of `pyexpat` share: the xmlparser
// layout, the handler table and the module-wide ExpatError class.
//
// Invariants:
//  - `handlers[i]` (owned callables or nullptr) change only in the parser's critical section;
//    expat calls a C trampoline only for handlers that are set, because setting some handlers
//    (DefaultHandler, ExternalEntityRefHandler, NotStandaloneHandler) changes how expat parses.
//  - expat itself is not thread-safe: Parse/ParseFile run it inside the parser's critical
//    section, so other threads wait; handlers run on the parsing thread, which re-enters the
//    section for free when they touch the parser.
//  - Once a handler raises, `failed` is set, expat is stopped and every handler is cleared, as
//    CPython does; Parse then returns the handler's exception.
#pragma once

#include <expat.h>

#include <string>

#include "objects/type.h"

namespace weft::pyexpat_module {

enum HandlerId : int {
  kStartElement, kEndElement, kProcessingInstruction, kCharacterData, kUnparsedEntityDecl,
  kNotationDecl, kStartNamespaceDecl, kEndNamespaceDecl, kComment, kStartCdataSection,
  kEndCdataSection, kDefault, kDefaultExpand, kNotStandalone, kExternalEntityRef,
  kStartDoctypeDecl, kEndDoctypeDecl, kEntityDecl, kXmlDecl, kElementDecl, kAttlistDecl,
  kSkippedEntity, kNumHandlers,
};

struct ParserObject : Object {
  XML_Parser parser;
  Object* handlers[kNumHandlers];
  Object* intern;  // a dict shared with external-entity parsers, or nullptr
  Object* parent;  // the parser an external-entity parser was created from (kept alive)
  std::string* text;  // buffered character data when buffer_text is on, else nullptr
  int64_t buffer_size;
  bool failed;
  bool ordered_attributes;
  bool specified_attributes;
  bool namespace_prefixes;
};

inline ParserObject* as_parser(Object* o) { return static_cast<ParserObject*>(o); }

extern Type ParserType;  // pyexpat.xmlparser

// xml.parsers.expat.ExpatError (created with the module, never changed afterwards).
Type* expat_error();

// A new xmlparser over a fresh expat parser (`encoding` and `separator` may be nullptr), with
// `intern` (borrowed; nullptr = none) as its intern dict.
Result<Ref<Object>> parser_new(const char* encoding, const char* separator, Object* intern);

}  // namespace weft::pyexpat_module
