// stdlib/pyexpat/pyexpat_parser.cpp — `pyexpat.xmlparser`: the Python face of an expat parser.
// Handlers are attributes (StartElementHandler, CharacterDataHandler, ...); setting one installs
// the matching C trampoline in expat, which converts expat's UTF-8 arguments to Python objects
// (names through the `intern` dict, attributes as a dict or, with ordered_attributes, a flat
// list) and calls it. Character data is merged into one call per text run when buffer_text is
// on (flushed before any other handler runs and when Parse returns). Errors become
// ExpatError("<message>: line L, column C") with code/lineno/offset; an exception raised by a
// handler stops the parse, clears every handler and propagates, as in CPython.
//
// Locking: Parse/ParseFile hold the parser's critical section while expat runs, so a second
// thread waits; a handler running on the parsing thread re-enters the section for free when it
// reads or sets the parser's attributes. Handlers are called with a reference taken inside the
// section. (When a handler blocks, the section is suspended like any other, as in CPython.)
#include <climits>
#include <cstring>
#include <string>
#include <utility>

#include "objects/abstract.h"
#include "objects/alloc.h"
#include "objects/args.h"
#include "objects/bytes.h"
#include "objects/bytes_like.h"
#include "objects/descr.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/type_registry.h"
#include "stdlib/pyexpat/pyexpat_internal.h"
#include "sync/critical_section.h"

namespace weft::pyexpat_module {

Type ParserType;

namespace {

constexpr int64_t kDefaultBufferSize = 8192;
constexpr int64_t kReadSize = 2048;  // ParseFile's read() size, CPython's BUF_SIZE

ParserObject* parser_of(void* user_data) { return static_cast<ParserObject*>(user_data); }

// ---- calling handlers ------------------------------------------------------------------------

// After a handler raised: stop expat and drop every handler (the exception stays set).
void flag_error(ParserObject* p) {
  if (p->failed) return;
  p->failed = true;
  XML_StopParser(p->parser, XML_FALSE);
}

Ref<Object> handler_ref(ParserObject* p, HandlerId id) {
  sync::CriticalSection cs{p->ob_mutex};
  Object* h = p->handlers[id];
  return h ? new_ref(h) : Ref<Object>();
}

// Calls handler `id` with `args` (any null argument means its conversion failed); the result,
// or a null Ref after flagging the error.
Ref<Object> invoke(ParserObject* p, HandlerId id, Ref<Object>* args, size_t n) {
  if (p->failed) return Ref<Object>();
  for (size_t i = 0; i < n; ++i) {
    if (!args[i]) {
      flag_error(p);
      return Ref<Object>();
    }
  }
  Ref<Object> handler = handler_ref(p, id);
  if (!handler) return Ref<Object>();
  Object* argv[8];
  for (size_t i = 0; i < n; ++i) argv[i] = args[i].get();
  Result<Ref<Object>> r = call(handler.get(), argv, n);
  if (r.is_error()) {
    flag_error(p);
    return Ref<Object>();
  }
  return r.release_value();
}

// A str from expat's UTF-8 (None for a null pointer); a null Ref if decoding failed.
Ref<Object> text(const XML_Char* s) {
  if (!s) return new_none();
  Result<Ref<Object>> r = str_from_utf8(s);
  return r.is_error() ? Ref<Object>() : r.release_value();
}

Ref<Object> text_n(const XML_Char* s, int len) {
  Result<Ref<Object>> r = str_from_utf8(std::string_view(s, static_cast<size_t>(len)));
  return r.is_error() ? Ref<Object>() : r.release_value();
}

Ref<Object> integer(int64_t v) {
  Result<Ref<Object>> r = int_from_i64(v);
  return r.is_error() ? Ref<Object>() : r.release_value();
}

// A name through the intern dict: equal names share one str object.
Ref<Object> interned(ParserObject* p, const XML_Char* s) {
  Ref<Object> name = text(s);
  if (!name || !p->intern || is_none(name.get())) return name;
  Ref<Object> found;
  Result<bool> hit = dict_get_item(p->intern, name.get(), &found);
  if (hit.is_error()) return Ref<Object>();
  if (hit.value()) return found;
  if (dict_set_item(p->intern, name.get(), name.get()).is_error()) return Ref<Object>();
  return name;
}

void call_character_handler(ParserObject* p, const char* data, size_t len) {
  Ref<Object> args[] = {text_n(data, static_cast<int>(len))};
  invoke(p, kCharacterData, args, 1);
}

// Delivers buffered character data; false if its handler raised.
bool flush_text(ParserObject* p) {
  if (!p->text || p->text->empty() || p->failed) return !p->failed;
  std::string pending;
  pending.swap(*p->text);
  call_character_handler(p, pending.data(), pending.size());
  return !p->failed;
}

// The common prologue of every handler but character data: flush buffered text first.
bool begin(ParserObject* p) { return !p->failed && flush_text(p); }

template <HandlerId id, size_t N>
void dispatch(void* ud, Ref<Object> (&&args)[N]) {
  invoke(parser_of(ud), id, args, N);
}

// ---- the C trampolines ---------------------------------------------------------------------

void XMLCALL on_start_element(void* ud, const XML_Char* name, const XML_Char** atts) {
  ParserObject* p = parser_of(ud);
  if (!begin(p)) return;
  int count = 0;
  if (p->specified_attributes) {
    count = XML_GetSpecifiedAttributeCount(p->parser);
  } else {
    while (atts[count]) count += 2;
  }
  Result<Ref<Object>> container = p->ordered_attributes ? list_new(count) : dict_new();
  if (container.is_error()) return flag_error(p);
  Ref<Object> attrs = container.release_value();
  for (int i = 0; i < count; i += 2) {
    Ref<Object> key = interned(p, atts[i]);
    Ref<Object> value = text(atts[i + 1]);
    if (!key || !value) return flag_error(p);
    Status st = p->ordered_attributes ? list_append(attrs.get(), key.get())
                                      : dict_set_item(attrs.get(), key.get(), value.get());
    if (st.is_error()) return flag_error(p);
    if (p->ordered_attributes && list_append(attrs.get(), value.get()).is_error())
      return flag_error(p);
  }
  dispatch<kStartElement>(ud, {interned(p, name), std::move(attrs)});
}

void XMLCALL on_end_element(void* ud, const XML_Char* name) {
  ParserObject* p = parser_of(ud);
  if (begin(p)) dispatch<kEndElement>(ud, {interned(p, name)});
}

void XMLCALL on_processing_instruction(void* ud, const XML_Char* target, const XML_Char* data) {
  ParserObject* p = parser_of(ud);
  if (begin(p)) dispatch<kProcessingInstruction>(ud, {interned(p, target), text(data)});
}

void XMLCALL on_character_data(void* ud, const XML_Char* s, int len) {
  ParserObject* p = parser_of(ud);
  if (p->failed) return;
  if (!p->text) return call_character_handler(p, s, static_cast<size_t>(len));
  if (static_cast<int64_t>(p->text->size()) + len > p->buffer_size) {
    if (!flush_text(p) || !p->handlers[kCharacterData]) return;
  }
  if (len > p->buffer_size) return call_character_handler(p, s, static_cast<size_t>(len));
  p->text->append(s, static_cast<size_t>(len));
}

void XMLCALL on_unparsed_entity_decl(void* ud, const XML_Char* name, const XML_Char* base,
                                     const XML_Char* system_id, const XML_Char* public_id,
                                     const XML_Char* notation) {
  if (begin(parser_of(ud)))
    dispatch<kUnparsedEntityDecl>(
        ud, {text(name), text(base), text(system_id), text(public_id), text(notation)});
}

void XMLCALL on_notation_decl(void* ud, const XML_Char* name, const XML_Char* base,
                              const XML_Char* system_id, const XML_Char* public_id) {
  if (begin(parser_of(ud)))
    dispatch<kNotationDecl>(ud, {text(name), text(base), text(system_id), text(public_id)});
}

void XMLCALL on_start_namespace_decl(void* ud, const XML_Char* prefix, const XML_Char* uri) {
  ParserObject* p = parser_of(ud);
  if (begin(p)) dispatch<kStartNamespaceDecl>(ud, {interned(p, prefix), interned(p, uri)});
}

void XMLCALL on_end_namespace_decl(void* ud, const XML_Char* prefix) {
  ParserObject* p = parser_of(ud);
  if (begin(p)) dispatch<kEndNamespaceDecl>(ud, {interned(p, prefix)});
}

void XMLCALL on_comment(void* ud, const XML_Char* data) {
  if (begin(parser_of(ud))) dispatch<kComment>(ud, {text(data)});
}

void XMLCALL on_start_cdata(void* ud) {
  if (begin(parser_of(ud))) invoke(parser_of(ud), kStartCdataSection, nullptr, 0);
}

void XMLCALL on_end_cdata(void* ud) {
  if (begin(parser_of(ud))) invoke(parser_of(ud), kEndCdataSection, nullptr, 0);
}

void XMLCALL on_default(void* ud, const XML_Char* s, int len) {
  if (begin(parser_of(ud))) dispatch<kDefault>(ud, {text_n(s, len)});
}

void XMLCALL on_default_expand(void* ud, const XML_Char* s, int len) {
  if (begin(parser_of(ud))) dispatch<kDefaultExpand>(ud, {text_n(s, len)});
}

// The int a handler returned (0 after an error, which makes expat report one).
int int_result(ParserObject* p, Ref<Object> r) {
  if (!r) return 0;
  Result<int64_t> v = index_as_i64(r.get());
  if (v.is_error()) {
    flag_error(p);
    return 0;
  }
  return static_cast<int>(v.value());
}

int XMLCALL on_not_standalone(void* ud) {
  ParserObject* p = parser_of(ud);
  if (!begin(p)) return 0;
  return int_result(p, invoke(p, kNotStandalone, nullptr, 0));
}

int XMLCALL on_external_entity_ref(XML_Parser parser, const XML_Char* context,
                                   const XML_Char* base, const XML_Char* system_id,
                                   const XML_Char* public_id) {
  ParserObject* p = parser_of(XML_GetUserData(parser));
  if (!begin(p)) return 0;
  Ref<Object> args[] = {text(context), text(base), text(system_id), text(public_id)};
  return int_result(p, invoke(p, kExternalEntityRef, args, 4));
}

void XMLCALL on_start_doctype_decl(void* ud, const XML_Char* name, const XML_Char* sysid,
                                   const XML_Char* pubid, int has_internal_subset) {
  if (begin(parser_of(ud)))
    dispatch<kStartDoctypeDecl>(
        ud, {text(name), text(sysid), text(pubid), integer(has_internal_subset)});
}

void XMLCALL on_end_doctype_decl(void* ud) {
  if (begin(parser_of(ud))) invoke(parser_of(ud), kEndDoctypeDecl, nullptr, 0);
}

void XMLCALL on_entity_decl(void* ud, const XML_Char* name, int is_parameter_entity,
                            const XML_Char* value, int value_length, const XML_Char* base,
                            const XML_Char* system_id, const XML_Char* public_id,
                            const XML_Char* notation) {
  if (!begin(parser_of(ud))) return;
  Ref<Object> value_obj = value ? text_n(value, value_length) : new_none();
  dispatch<kEntityDecl>(ud, {text(name), integer(is_parameter_entity), std::move(value_obj),
                             text(base), text(system_id), text(public_id), text(notation)});
}

void XMLCALL on_xml_decl(void* ud, const XML_Char* version, const XML_Char* encoding,
                         int standalone) {
  if (begin(parser_of(ud)))
    dispatch<kXmlDecl>(ud, {text(version), text(encoding), integer(standalone)});
}

// An element declaration's content model as CPython passes it: (type, quant, name, children).
Ref<Object> content_model(const XML_Content* model) {
  Result<Ref<Object>> children = tuple_new(model->numchildren);
  if (children.is_error()) return Ref<Object>();
  for (unsigned i = 0; i < model->numchildren; ++i) {
    Ref<Object> child = content_model(&model->children[i]);
    if (!child) return Ref<Object>();
    tuple_init_item(children.value().get(), i, std::move(child));
  }
  Ref<Object> type = integer(model->type), quant = integer(model->quant), name = text(model->name);
  if (!type || !quant || !name) return Ref<Object>();
  Result<Ref<Object>> r =
      tuple_pack({type.get(), quant.get(), name.get(), children.value().get()});
  return r.is_error() ? Ref<Object>() : r.release_value();
}

void XMLCALL on_element_decl(void* ud, const XML_Char* name, XML_Content* model) {
  ParserObject* p = parser_of(ud);
  if (begin(p)) dispatch<kElementDecl>(ud, {interned(p, name), content_model(model)});
  XML_FreeContentModel(p->parser, model);
}

void XMLCALL on_attlist_decl(void* ud, const XML_Char* elname, const XML_Char* attname,
                             const XML_Char* att_type, const XML_Char* dflt, int isrequired) {
  ParserObject* p = parser_of(ud);
  if (begin(p))
    dispatch<kAttlistDecl>(ud, {interned(p, elname), interned(p, attname), text(att_type),
                                text(dflt), integer(isrequired)});
}

void XMLCALL on_skipped_entity(void* ud, const XML_Char* name, int is_parameter_entity) {
  if (begin(parser_of(ud)))
    dispatch<kSkippedEntity>(ud, {text(name), integer(is_parameter_entity)});
}

// ---- the handler table -------------------------------------------------------------------------

using Installer = void (*)(XML_Parser, bool on);

struct HandlerInfo {
  const char* name;
  Installer install;
};

// In HandlerId order.
const HandlerInfo kHandlers[kNumHandlers] = {
    {"StartElementHandler",
     [](XML_Parser x, bool on) { XML_SetStartElementHandler(x, on ? on_start_element : nullptr); }},
    {"EndElementHandler",
     [](XML_Parser x, bool on) { XML_SetEndElementHandler(x, on ? on_end_element : nullptr); }},
    {"ProcessingInstructionHandler",
     [](XML_Parser x, bool on) {
       XML_SetProcessingInstructionHandler(x, on ? on_processing_instruction : nullptr);
     }},
    {"CharacterDataHandler",
     [](XML_Parser x, bool on) {
       XML_SetCharacterDataHandler(x, on ? on_character_data : nullptr);
     }},
    {"UnparsedEntityDeclHandler",
     [](XML_Parser x, bool on) {
       XML_SetUnparsedEntityDeclHandler(x, on ? on_unparsed_entity_decl : nullptr);
     }},
    {"NotationDeclHandler",
     [](XML_Parser x, bool on) { XML_SetNotationDeclHandler(x, on ? on_notation_decl : nullptr); }},
    {"StartNamespaceDeclHandler",
     [](XML_Parser x, bool on) {
       XML_SetStartNamespaceDeclHandler(x, on ? on_start_namespace_decl : nullptr);
     }},
    {"EndNamespaceDeclHandler",
     [](XML_Parser x, bool on) {
       XML_SetEndNamespaceDeclHandler(x, on ? on_end_namespace_decl : nullptr);
     }},
    {"CommentHandler",
     [](XML_Parser x, bool on) { XML_SetCommentHandler(x, on ? on_comment : nullptr); }},
    {"StartCdataSectionHandler",
     [](XML_Parser x, bool on) {
       XML_SetStartCdataSectionHandler(x, on ? on_start_cdata : nullptr);
     }},
    {"EndCdataSectionHandler",
     [](XML_Parser x, bool on) { XML_SetEndCdataSectionHandler(x, on ? on_end_cdata : nullptr); }},
    {"DefaultHandler",
     [](XML_Parser x, bool on) { XML_SetDefaultHandler(x, on ? on_default : nullptr); }},
    {"DefaultHandlerExpand",
     [](XML_Parser x, bool on) {
       XML_SetDefaultHandlerExpand(x, on ? on_default_expand : nullptr);
     }},
    {"NotStandaloneHandler",
     [](XML_Parser x, bool on) {
       XML_SetNotStandaloneHandler(x, on ? on_not_standalone : nullptr);
     }},
    {"ExternalEntityRefHandler",
     [](XML_Parser x, bool on) {
       XML_SetExternalEntityRefHandler(x, on ? on_external_entity_ref : nullptr);
     }},
    {"StartDoctypeDeclHandler",
     [](XML_Parser x, bool on) {
       XML_SetStartDoctypeDeclHandler(x, on ? on_start_doctype_decl : nullptr);
     }},
    {"EndDoctypeDeclHandler",
     [](XML_Parser x, bool on) {
       XML_SetEndDoctypeDeclHandler(x, on ? on_end_doctype_decl : nullptr);
     }},
    {"EntityDeclHandler",
     [](XML_Parser x, bool on) { XML_SetEntityDeclHandler(x, on ? on_entity_decl : nullptr); }},
    {"XmlDeclHandler",
     [](XML_Parser x, bool on) { XML_SetXmlDeclHandler(x, on ? on_xml_decl : nullptr); }},
    {"ElementDeclHandler",
     [](XML_Parser x, bool on) { XML_SetElementDeclHandler(x, on ? on_element_decl : nullptr); }},
    {"AttlistDeclHandler",
     [](XML_Parser x, bool on) { XML_SetAttlistDeclHandler(x, on ? on_attlist_decl : nullptr); }},
    {"SkippedEntityHandler",
     [](XML_Parser x, bool on) {
       XML_SetSkippedEntityHandler(x, on ? on_skipped_entity : nullptr);
     }},
};

Status set_handler(ParserObject* p, int id, Object* value) {
  if (!value) return raise(exc::RuntimeError, "Cannot delete attribute");
  Object* old;
  {
    sync::CriticalSection cs{p->ob_mutex};
    bool on = !is_none(value);
    old = std::exchange(p->handlers[id], on ? new_ref(value).release() : nullptr);
    kHandlers[id].install(p->parser, on);
  }
  xdecref(old);
  return ok();
}

// Drops every handler (after a handler raised), outside the trampolines' reach.
void clear_handlers(ParserObject* p) {
  for (int id = 0; id < kNumHandlers; ++id) {
    Object* old;
    {
      sync::CriticalSection cs{p->ob_mutex};
      old = std::exchange(p->handlers[id], nullptr);
      kHandlers[id].install(p->parser, false);
    }
    xdecref(old);
  }
}

template <int id>
Result<Ref<Object>> get_handler_attr(Object* self) {
  Ref<Object> h = handler_ref(as_parser(self), static_cast<HandlerId>(id));
  return h ? std::move(h) : new_none();
}

template <int id>
Status set_handler_attr(Object* self, Object* value) {
  return set_handler(as_parser(self), id, value);
}

// ---- parsing ----------------------------------------------------------------------------------

Error raise_expat_error(ParserObject* p, XML_Error code) {
  int64_t line = static_cast<int64_t>(XML_GetErrorLineNumber(p->parser));
  int64_t column = static_cast<int64_t>(XML_GetErrorColumnNumber(p->parser));
  std::string message = std::string(XML_ErrorString(code)) + ": line " + std::to_string(line) +
                        ", column " + std::to_string(column);
  Result<Ref<Object>> msg = str_from_utf8(message);
  if (msg.is_error()) return Error{};
  Result<Ref<Object>> err = call_one(reinterpret_cast<Object*>(expat_error()), msg.value().get());
  if (err.is_error()) return Error{};
  const std::pair<const char*, int64_t> fields[] = {{"code", code}, {"offset", column},
                                                    {"lineno", line}};
  for (const auto& [name, value] : fields) {
    Result<Ref<Object>> v = int_from_i64(value);
    if (v.is_error()) return Error{};
    if (set_attr(err.value().get(), str_intern(name), v.value().get()).is_error()) return Error{};
  }
  return raise_object(err.value().get());
}

// Feeds `data` to expat (the parser's critical section held) and reports the outcome.
Result<Ref<Object>> feed(ParserObject* p, const char* data, size_t n, bool is_final) {
  XML_Status status = XML_STATUS_OK;
  do {
    int chunk = static_cast<int>(std::min<size_t>(n, INT_MAX));
    bool last = is_final && static_cast<size_t>(chunk) == n;
    status = XML_Parse(p->parser, data, chunk, last);
    data += chunk;
    n -= static_cast<size_t>(chunk);
  } while (status == XML_STATUS_OK && n > 0);
  if (p->failed) {
    p->failed = false;
    clear_handlers(p);
    return Error{};
  }
  if (status == XML_STATUS_ERROR) return raise_expat_error(p, XML_GetErrorCode(p->parser));
  if (!flush_text(p)) {
    p->failed = false;
    clear_handlers(p);
    return Error{};
  }
  return int_from_i64(status);
}

Result<Ref<Object>> m_parse(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("Parse", nargs, kwnames, 1, 2));
  bool is_final = nargs == 2 ? TRY(object_is_true(args[1])) : false;
  ParserObject* p = as_parser(self);
  sync::CriticalSection cs{self->ob_mutex};
  if (is_str(args[0])) {
    std::string_view utf8 = TRY(str_utf8(args[0]));
    XML_SetEncoding(p->parser, "utf-8");
    return feed(p, utf8.data(), utf8.size(), is_final);
  }
  ByteView view = TRY(byte_view(args[0]));
  return feed(p, view.data(), view.size(), is_final);
}

Result<Ref<Object>> m_parse_file(Object* self, Object* const* args, size_t, Object*) {
  Ref<Object> read;
  if (!TRY(lookup_attr(args[0], str_intern("read"), &read)))
    return raise(exc::TypeError, "argument must have 'read' attribute");
  ParserObject* p = as_parser(self);
  Ref<Object> size = TRY(int_from_i64(kReadSize));
  for (;;) {
    Ref<Object> chunk = TRY(call_one(read.get(), size.get()));
    if (!is_bytes(chunk.get()))
      return raise(exc::TypeError, "read() did not return a bytes object (type={})",
                   type_name_of(chunk.get()));
    std::string_view data = bytes_view(chunk.get());
    if (static_cast<int64_t>(data.size()) > kReadSize)
      return raise(exc::ValueError, "read() returned too much data: {} bytes requested, {} returned",
                   kReadSize, data.size());
    sync::CriticalSection cs{self->ob_mutex};
    Ref<Object> r = TRY(feed(p, data.data(), data.size(), data.empty()));
    if (data.empty()) return r;
  }
}

Result<Ref<Object>> m_set_base(Object* self, Object* const* args, size_t, Object*) {
  if (!is_str(args[0]))
    return raise(exc::TypeError, "SetBase() argument must be str, not {}", type_name_of(args[0]));
  std::string base(TRY(str_utf8(args[0])));
  sync::CriticalSection cs{self->ob_mutex};
  if (!XML_SetBase(as_parser(self)->parser, base.c_str())) return raise_no_memory();
  return new_none();
}

Result<Ref<Object>> m_get_base(Object* self, Object* const*, size_t, Object*) {
  sync::CriticalSection cs{self->ob_mutex};
  const XML_Char* base = XML_GetBase(as_parser(self)->parser);
  if (!base) return new_none();
  return str_from_utf8(base);
}

Result<Ref<Object>> m_get_input_context(Object* self, Object* const*, size_t, Object*) {
  sync::CriticalSection cs{self->ob_mutex};
  int offset = 0, size = 0;
  const char* buffer = XML_GetInputContext(as_parser(self)->parser, &offset, &size);
  if (!buffer) return new_none();
  return bytes_from(std::string_view(buffer + offset, static_cast<size_t>(size - offset)));
}

Result<Ref<Object>> m_external_entity_parser_create(Object* self, Object* const* args,
                                                    size_t nargs, Object* kwnames) {
  TRY(args_positional_only("ExternalEntityParserCreate", nargs, kwnames, 1, 2));
  std::string context, encoding;
  bool have_context = !is_none(args[0]), have_encoding = nargs == 2;
  if (have_context) {
    if (!is_str(args[0]))
      return raise(exc::TypeError,
                   "ExternalEntityParserCreate() argument 1 must be str or None, not {}",
                   type_name_of(args[0]));
    context = TRY(str_utf8(args[0]));
  }
  if (have_encoding) {
    if (!is_str(args[1]))
      return raise(exc::TypeError, "ExternalEntityParserCreate() argument 2 must be str, not {}",
                   type_name_of(args[1]));
    encoding = TRY(str_utf8(args[1]));
  }
  ParserObject* p = as_parser(self);
  Ref<ParserObject> child = TRY(new_object<ParserObject>(&ParserType));
  sync::CriticalSection cs{self->ob_mutex};
  child->parser = XML_ExternalEntityParserCreate(p->parser, have_context ? context.c_str() : nullptr,
                                                 have_encoding ? encoding.c_str() : nullptr);
  if (!child->parser) return raise_no_memory();
  XML_SetUserData(child->parser, child.get());
  child->parent = new_ref(self).release();
  child->intern = p->intern ? new_ref(p->intern).release() : nullptr;
  child->buffer_size = p->buffer_size;
  if (p->text) child->text = new std::string();
  child->ordered_attributes = p->ordered_attributes;
  child->specified_attributes = p->specified_attributes;
  child->namespace_prefixes = p->namespace_prefixes;
  for (int id = 0; id < kNumHandlers; ++id) {
    if (!p->handlers[id]) continue;
    child->handlers[id] = new_ref(p->handlers[id]).release();
    kHandlers[id].install(child->parser, true);
  }
  return Ref<Object>(std::move(child));
}

Result<Ref<Object>> m_set_param_entity_parsing(Object* self, Object* const* args, size_t,
                                               Object*) {
  int64_t flag = TRY(index_as_i64(args[0]));
  sync::CriticalSection cs{self->ob_mutex};
  int r = XML_SetParamEntityParsing(as_parser(self)->parser,
                                    static_cast<XML_ParamEntityParsing>(flag));
  return int_from_i64(r);
}

Result<Ref<Object>> m_use_foreign_dtd(Object* self, Object* const* args, size_t nargs,
                                      Object* kwnames) {
  TRY(args_positional_only("UseForeignDTD", nargs, kwnames, 0, 1));
  bool flag = nargs ? TRY(object_is_true(args[0])) : true;
  ParserObject* p = as_parser(self);
  sync::CriticalSection cs{self->ob_mutex};
  XML_Error rc = XML_UseForeignDTD(p->parser, flag ? XML_TRUE : XML_FALSE);
  if (rc != XML_ERROR_NONE) return raise_expat_error(p, rc);
  return new_none();
}

// Reparse deferral arrived in expat 2.6; with an older expat it is never enabled.
Result<Ref<Object>> m_get_reparse_deferral(Object*, Object* const*, size_t, Object*) {
  return new_bool(false);
}

Result<Ref<Object>> m_set_reparse_deferral(Object*, Object* const* args, size_t, Object*) {
  TRY(object_is_true(args[0]));
  return new_none();
}

const MethodDef kParserMethods[] = {
    {"Parse", m_parse, kMethFastcall,
     "Parse XML data.\n\n'isfinal' should be true at end of input."},
    {"ParseFile", m_parse_file, kMethOneArg, "Parse XML data from file-like object."},
    {"SetBase", m_set_base, kMethOneArg, "Set the base URL for the parser."},
    {"GetBase", m_get_base, kMethNoArgs, "Return base URL string for the parser."},
    {"GetInputContext", m_get_input_context, kMethNoArgs,
     "Return the untranslated text of the input that caused the current event.\n\nIf the "
     "event was generated by a large amount of text (such as a start tag\nfor an element with "
     "many attributes), not all of the text may be available."},
    {"ExternalEntityParserCreate", m_external_entity_parser_create, kMethFastcall,
     "Create a parser for parsing an external entity based on the information passed to the "
     "ExternalEntityRefHandler."},
    {"SetParamEntityParsing", m_set_param_entity_parsing, kMethOneArg,
     "Controls parsing of parameter entities (including the external DTD subset).\n\nPossible "
     "flag values are XML_PARAM_ENTITY_PARSING_NEVER,\nXML_PARAM_ENTITY_PARSING_UNLESS_"
     "STANDALONE and\nXML_PARAM_ENTITY_PARSING_ALWAYS. Returns true if setting the flag\nwas "
     "successful."},
    {"UseForeignDTD", m_use_foreign_dtd, kMethFastcall,
     "Allows the application to provide an artificial external subset if one is not specified "
     "as part of the document instance.\n\nThis readily allows the use of a 'default' document "
     "type controlled by the\napplication, while still getting the advantage of providing "
     "document type\ninformation to the parser. 'flag' defaults to True if not provided."},
    {"GetReparseDeferralEnabled", m_get_reparse_deferral, kMethNoArgs,
     "Retrieve reparse deferral enabled status; always returns false with Expat <2.6.0."},
    {"SetReparseDeferralEnabled", m_set_reparse_deferral, kMethOneArg,
     "Enable/Disable reparse deferral; enabled by default with Expat >=2.6.0."},
    {nullptr, nullptr, 0, nullptr},
};

// ---- the other attributes ---------------------------------------------------------------------

Result<Ref<Object>> get_buffer_text(Object* self) {
  sync::CriticalSection cs{self->ob_mutex};
  return new_bool(as_parser(self)->text != nullptr);
}

Status set_buffer_text(Object* self, Object* value) {
  if (!value) return raise(exc::RuntimeError, "Cannot delete attribute");
  bool on = TRY(object_is_true(value));
  ParserObject* p = as_parser(self);
  sync::CriticalSection cs{self->ob_mutex};
  if (on && !p->text) {
    p->text = new std::string();
  } else if (!on && p->text) {
    if (!flush_text(p)) {
      p->failed = false;
      return Error{};
    }
    delete std::exchange(p->text, nullptr);
  }
  return ok();
}

Result<Ref<Object>> get_buffer_size(Object* self) {
  sync::CriticalSection cs{self->ob_mutex};
  return int_from_i64(as_parser(self)->buffer_size);
}

Status set_buffer_size(Object* self, Object* value) {
  if (!value) return raise(exc::RuntimeError, "Cannot delete attribute");
  if (!is_int(value)) return raise(exc::TypeError, "buffer_size must be an integer");
  int64_t size = TRY(int_as_i64(value));
  if (size <= 0) return raise(exc::ValueError, "buffer_size must be greater than zero");
  if (size > INT_MAX)
    return raise(exc::ValueError, "buffer_size must not be greater than {}", INT_MAX);
  ParserObject* p = as_parser(self);
  sync::CriticalSection cs{self->ob_mutex};
  if (size != p->buffer_size && !flush_text(p)) {
    p->failed = false;
    return Error{};
  }
  p->buffer_size = size;
  return ok();
}

Result<Ref<Object>> get_buffer_used(Object* self) {
  sync::CriticalSection cs{self->ob_mutex};
  ParserObject* p = as_parser(self);
  return int_from_i64(p->text ? static_cast<int64_t>(p->text->size()) : 0);
}

template <bool ParserObject::*field>
Result<Ref<Object>> get_flag(Object* self) {
  sync::CriticalSection cs{self->ob_mutex};
  return new_bool(as_parser(self)->*field);
}

template <bool ParserObject::*field>
Status set_flag(Object* self, Object* value) {
  if (!value) return raise(exc::RuntimeError, "Cannot delete attribute");
  bool on = TRY(object_is_true(value));
  ParserObject* p = as_parser(self);
  sync::CriticalSection cs{self->ob_mutex};
  p->*field = on;
  if (field == &ParserObject::namespace_prefixes) XML_SetReturnNSTriplet(p->parser, on);
  return ok();
}

Result<Ref<Object>> get_intern(Object* self) {
  Object* intern = as_parser(self)->intern;  // fixed at creation
  return intern ? new_ref(intern) : new_none();
}

template <auto fn>
Result<Ref<Object>> get_position(Object* self) {
  sync::CriticalSection cs{self->ob_mutex};
  return int_from_i64(static_cast<int64_t>(fn(as_parser(self)->parser)));
}

#define WEFT_HANDLER_GETSET(id) \
  {kHandlers[id].name, get_handler_attr<id>, set_handler_attr<id>, nullptr}


const GetSetDef kParserGetSets[] = {
    WEFT_HANDLER_GETSET(0), WEFT_HANDLER_GETSET(1), WEFT_HANDLER_GETSET(2),
    WEFT_HANDLER_GETSET(3), WEFT_HANDLER_GETSET(4), WEFT_HANDLER_GETSET(5),
    WEFT_HANDLER_GETSET(6), WEFT_HANDLER_GETSET(7), WEFT_HANDLER_GETSET(8),
    WEFT_HANDLER_GETSET(9), WEFT_HANDLER_GETSET(10), WEFT_HANDLER_GETSET(11),
    WEFT_HANDLER_GETSET(12), WEFT_HANDLER_GETSET(13), WEFT_HANDLER_GETSET(14),
    WEFT_HANDLER_GETSET(15), WEFT_HANDLER_GETSET(16), WEFT_HANDLER_GETSET(17),
    WEFT_HANDLER_GETSET(18), WEFT_HANDLER_GETSET(19), WEFT_HANDLER_GETSET(20),
    WEFT_HANDLER_GETSET(21),
    {"buffer_text", get_buffer_text, set_buffer_text, nullptr},
    {"buffer_size", get_buffer_size, set_buffer_size, nullptr},
    {"buffer_used", get_buffer_used, nullptr, nullptr},
    {"ordered_attributes", get_flag<&ParserObject::ordered_attributes>,
     set_flag<&ParserObject::ordered_attributes>, nullptr},
    {"specified_attributes", get_flag<&ParserObject::specified_attributes>,
     set_flag<&ParserObject::specified_attributes>, nullptr},
    {"namespace_prefixes", get_flag<&ParserObject::namespace_prefixes>,
     set_flag<&ParserObject::namespace_prefixes>, nullptr},
    {"intern", get_intern, nullptr, nullptr},
    {"CurrentLineNumber", get_position<XML_GetCurrentLineNumber>, nullptr, nullptr},
    {"CurrentColumnNumber", get_position<XML_GetCurrentColumnNumber>, nullptr, nullptr},
    {"CurrentByteIndex", get_position<XML_GetCurrentByteIndex>, nullptr, nullptr},
    {"ErrorCode", get_position<XML_GetErrorCode>, nullptr, nullptr},
    {"ErrorLineNumber", get_position<XML_GetCurrentLineNumber>, nullptr, nullptr},
    {"ErrorColumnNumber", get_position<XML_GetCurrentColumnNumber>, nullptr, nullptr},
    {"ErrorByteIndex", get_position<XML_GetCurrentByteIndex>, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr},
};

#undef WEFT_HANDLER_GETSET

void parser_dealloc(Object* self) {
  ParserObject* p = as_parser(self);
  if (p->parser) XML_ParserFree(p->parser);
  for (Object* h : p->handlers) xdecref(h);
  xdecref(p->intern);
  xdecref(p->parent);  // after XML_ParserFree: an external-entity parser needs its parent
  delete p->text;
  free_object(self);
}

void parser_traverse(Object* self, VisitFn visit, void* arg) {
  ParserObject* p = as_parser(self);
  for (Object* h : p->handlers)
    if (h) visit(h, arg);
  if (p->intern) visit(p->intern, arg);
  if (p->parent) visit(p->parent, arg);
}

void parser_clear(Object* self) {
  // Only the collector calls this, on an unreachable parser: handlers usually refer back to it.
  ParserObject* p = as_parser(self);
  for (int id = 0; id < kNumHandlers; ++id) {
    if (p->parser) kHandlers[id].install(p->parser, false);
    xdecref(std::exchange(p->handlers[id], nullptr));
  }
}

Status fill_parser_type() {
  Type& t = ParserType;
  t.name = "pyexpat.xmlparser";
  t.doc = "XML parser";
  t.basicsize = sizeof(ParserObject);
  t.flags = kTypeHaveGc | kTypeDisallowInstantiation;
  t.dealloc = parser_dealloc;
  t.traverse = parser_traverse;
  t.clear = parser_clear;
  t.methods = kParserMethods;
  t.getsets = kParserGetSets;
  return ok();
}
Status ready_parser_type() { return type_ready(&ParserType); }
WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_parser_type);
WEFT_REGISTER_TYPE_INIT(kPhaseReady, ready_parser_type);

}  // namespace

Result<Ref<Object>> parser_new(const char* encoding, const char* separator, Object* intern) {
  Ref<ParserObject> p = TRY(new_object<ParserObject>(&ParserType));
  p->parser = separator ? XML_ParserCreateNS(encoding, separator[0]) : XML_ParserCreate(encoding);
  if (!p->parser) return raise(exc::RuntimeError, "XML_ParserCreate failed");
  XML_SetUserData(p->parser, p.get());
  p->buffer_size = kDefaultBufferSize;
  p->intern = intern ? new_ref(intern).release() : nullptr;
  return Ref<Object>(std::move(p));
}

}  // namespace weft::pyexpat_module
