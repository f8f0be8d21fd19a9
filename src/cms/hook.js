// dossier's preSave hook: makes what the CMS writes what dossier reads. The CMS's TOML
// writer quotes every string, writes emptied fields as "" and [], and keeps empty optional
// tables; dossier wants dates as TOML dates, and absent keys where nothing was said.
// DOSSIER_MODEL (written by `dossier cms` from the content model) says which key is a date
// and which holds tables.
(function () {
  "use strict";
  var model = window.DOSSIER_MODEL;

  function isMap(v) {
    return v != null && typeof v.keySeq === "function" && typeof v.push !== "function";
  }
  function isList(v) {
    return v != null && typeof v.keySeq === "function" && typeof v.push === "function";
  }
  function isEmpty(v) {
    return v === "" || v == null || ((isMap(v) || isList(v)) && v.size === 0);
  }

  // A Date the TOML writer prints as `text` itself, bare: `date = 2025-03-12`.
  function tomlDate(text) {
    var date = new Date(text.length === 10 ? text + "T00:00:00Z" : text);
    if (isNaN(date.getTime())) return text;
    date.toISOString = function () { return text; };
    return date;
  }

  // The text of `key = <date>` at the top of the file as it was read, if it says the same
  // instant as `value`: the TOML parser turns 22:21+03:30 into a Date, which would be
  // written back in UTC.
  function originalDate(raw, key, value) {
    var match = new RegExp("^" + key + "\\s*=\\s*([0-9][0-9T:.+\\- Zz]*[0-9Zz])\\s*(#.*)?$", "m")
      .exec(raw || "");
    if (!match) return value;
    var text = match[1].trim();
    var read = new Date(text.length === 10 ? text + "T00:00:00Z" : text);
    return read.getTime() === value.getTime() ? tomlDate(text) : value;
  }

  // `map` (a table of `kind`) without empty values, its dates as TOML dates.
  function clean(map, kind, raw) {
    var fields = model.kinds[kind] || {};
    map.keySeq().toArray().forEach(function (key) {
      var value = map.get(key);
      var code = fields[key] || "";
      // Decap keeps a picked day as text; Sveltia writes its date-times as TOML itself.
      if (code === "date" && typeof value === "string" && value !== "" && window.DOSSIER_APP === "decap") {
        value = tomlDate(value);
      } else if (code === "date" && value instanceof Date && raw !== null) {
        value = originalDate(raw, key, value);
      } else if (code.indexOf("table:") === 0 && isMap(value)) {
        value = complete(clean(value, code.slice(6), null), code.slice(6), key);
      } else if (code.indexOf("tables:") === 0 && isList(value)) {
        var inner = code.slice(7);
        value = value
          .map(function (item) { return isMap(item) ? clean(item, inner, null) : item; })
          .filter(function (item) { return !isEmpty(item); });
      }
      map = isEmpty(value) ? map.delete(key) : map.set(key, value);
    });
    return map;
  }

  // An optional table is left out or filled in: the CMS lets its keys be empty (so the
  // table can be), and this refuses to save one with a required key missing.
  function complete(map, kind, name) {
    if (map.size === 0) return map;
    (model.kinds[kind]["!required"] || []).forEach(function (key) {
      if (isEmpty(map.get(key))) {
        throw new Error("“" + name + "” needs “" + key + "” too (or leave all of it empty)");
      }
    });
    return map;
  }

  // dossier's slug of one word: ASCII letters and digits, accents dropped.
  function slugWord(word) {
    return word.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  }
  function day(value) {
    var text = value instanceof Date ? value.toISOString() : String(value || "");
    return /^[0-9]{4}-[0-9]{2}-[0-9]{2}/.test(text) ? text.slice(0, 10) : "";
  }

  // Pins each new quote's id (`<speaker>-<said>-<first six words>`, as dossier derives
  // it), so its URL never changes when its date or words are corrected later.
  function pinIds(data) {
    var quotes = data.get("quotes");
    if (!isList(quotes)) return data;
    var taken = {};
    quotes.forEach(function (q) { if (isMap(q) && q.get("id")) taken[q.get("id")] = true; });
    return data.set("quotes", quotes.map(function (q) {
      if (!isMap(q) || q.get("id")) return q;
      var words = String(q.get("text") || "").split(/\s+/).map(slugWord)
        .filter(function (w) { return w !== ""; }).slice(0, 6);
      var base = [q.get("speaker"), day(q.get("said") || data.get("date"))].concat(words)
        .filter(function (part) { return part; }).join("-");
      var id = base;
      for (var n = 2; taken[id]; n++) id = base + "-" + n;
      taken[id] = true;
      return q.set("id", id);
    }));
  }

  window.CMS.registerEventListener({
    name: "preSave",
    handler: function (event) {
      var entry = event.entry;
      var kind = model.collections[entry.get("collection")];
      if (!kind) return undefined;
      var data = clean(entry.get("data"), kind, entry.get("raw") || "");
      return kind === "article" ? pinIds(data) : data;
    },
  });
})();
