/* Site search: the results page at search/?q=QUERY (&s=STATUTE to filter).
 *
 * The index is built by generator/render/search_index.py into search/data/: a manifest, a
 * Traditional->Simplified map, term shards and doc chunks, each a script that calls a
 * global function (script tags work from file://, where fetch() cannot read files). A query
 * loads the manifest, the shards of its terms and the chunks of the results it shows.
 * Terms follow generator/render/search_text.py: Han unigrams and bigrams, stemmed words.
 *
 * Contract (tests and other tools rely on it): each result is an element carrying
 * data-search-result with a link (<a href>) to the provision, in rank order; an element
 * with data-search-empty says when nothing matches.
 */
(function () {
  "use strict";
  var SCRIPT = document.currentScript;
  var ROOT = SCRIPT ? SCRIPT.src.replace(/assets\/javascripts\/search\.js(?:[?#].*)?$/, "") : "";
  var DATA = ROOT + "search/data/";
  var PAGE_SIZE = 20;
  var PARA_P = 100;      /* article docs: paragraph k is k*100, its item i k*100+i */
  var NOTES_P = 99999;
  var HAN = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff";
  var TOKEN = new RegExp("([" + HAN + "])|([a-z0-9]+)|([ \\t\\u00a0\\r\\n]+)", "g");
  var store = { manifest: null, t2s: null, shards: {}, chunks: {}, postings: {} };
  var pending = {};

  window.__searchManifest = function (m) { store.manifest = m; };
  window.__searchShard = function (n, data) { store.shards[n] = data; };
  window.__searchDocs = function (n, groups) { store.chunks[n] = groups; };
  window.__searchT2S = function (pairs) {
    var map = {};
    for (var i = 0; i + 1 < pairs.length; i += 2) map[pairs[i]] = pairs[i + 1];
    store.t2s = map;
  };

  /* For the home page's filter (library.js): texts folded as the search folds a query
   * (full-width as half-width, Traditional as Simplified, lower case), the Traditional-to-
   * Simplified table loaded first when a text is not plain ASCII. */
  window.statuteSearchFold = function (texts) {
    var wide = texts.some(function (t) { return /[^\x00-\x7f]/.test(t); });
    return (wide ? load("t2s.js") : Promise.resolve()).then(function () {
      return texts.map(normalise);
    });
  };

  function load(path) {
    if (!pending[path]) {
      pending[path] = new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = DATA + path;
        s.async = true;
        s.onload = function () { resolve(); };
        s.onerror = function () { reject(new Error("cannot load the search index (" + path + ")")); };
        document.head.appendChild(s);
      });
    }
    return pending[path];
  }

  /* ------------------------------------------------------------------ text */

  function normalise(text) {
    var out = "";
    for (var i = 0; i < text.length; i++) {
      var code = text.charCodeAt(i), ch = text.charAt(i);
      if (code >= 0xff01 && code <= 0xff5e) ch = String.fromCharCode(code - 0xfee0);
      else if (code === 0x3000) ch = " ";
      if (store.t2s && store.t2s[ch]) ch = store.t2s[ch];
      var low = ch.toLowerCase();
      out += low.length === 1 ? low : ch;
    }
    return out;
  }

  /* Porter's stemmer (M.F. Porter, 1980, the original rules: abli->able, no logi->log), written
   * from the algorithm; the tests check it against snowballstemmer's "porter", which builds the
   * index, on every English word of the site. Words of one or two letters are left as they are. */
  var STEP2 = { ational: "ate", tional: "tion", enci: "ence", anci: "ance", izer: "ize", abli: "able",
    alli: "al", entli: "ent", eli: "e", ousli: "ous", ization: "ize", ation: "ate", ator: "ate",
    alism: "al", iveness: "ive", fulness: "ful", ousness: "ous", aliti: "al", iviti: "ive",
    biliti: "ble" };
  var STEP3 = { icate: "ic", ative: "", alize: "al", iciti: "ic", ical: "ic", ful: "", ness: "" };
  var C = "[^aeiou][^aeiouy]*", V = "[aeiouy][aeiou]*";
  var MGR0 = new RegExp("^(" + C + ")?" + V + C);
  var MEQ1 = new RegExp("^(" + C + ")?" + V + C + "(" + V + ")?$");
  var MGR1 = new RegExp("^(" + C + ")?" + V + C + V + C);
  var HAS_V = new RegExp("^(" + C + ")?[aeiouy]");
  var CVC = new RegExp("^" + C + "[aeiouy][^aeiouwxy]$");

  function stem(w) {
    if (w.length < 3 || !/^[a-z]+$/.test(w)) return w;
    var m, s, y = w.charAt(0) === "y";
    if (y) w = "Y" + w.slice(1);
    if ((m = /^(.+?)(ss|i)es$/.exec(w))) w = m[1] + m[2];
    else if ((m = /^(.+?)([^s])s$/.exec(w))) w = m[1] + m[2];
    if ((m = /^(.+?)eed$/.exec(w))) {
      if (MGR0.test(m[1])) w = w.slice(0, -1);
    } else if ((m = /^(.+?)(ed|ing)$/.exec(w)) && HAS_V.test(m[1])) {
      w = m[1];
      if (/(at|bl|iz)$/.test(w)) w += "e";
      else if (/([^aeiouylsz])\1$/.test(w)) w = w.slice(0, -1);
      else if (CVC.test(w)) w += "e";
    }
    if ((m = /^(.+?)y$/.exec(w)) && HAS_V.test(m[1])) w = m[1] + "i";
    m = /^(.+?)(ational|tional|enci|anci|izer|abli|alli|entli|eli|ousli|ization|ation|ator|alism|iveness|fulness|ousness|aliti|iviti|biliti)$/.exec(w);
    if (m && MGR0.test(m[1])) w = m[1] + STEP2[m[2]];
    m = /^(.+?)(icate|ative|alize|iciti|ical|ful|ness)$/.exec(w);
    if (m && MGR0.test(m[1])) w = m[1] + STEP3[m[2]];
    if ((m = /^(.+?)(al|ance|ence|er|ic|able|ible|ant|ement|ment|ent|ou|ism|ate|iti|ous|ive|ize)$/.exec(w))) {
      if (MGR1.test(m[1])) w = m[1];
    } else if ((m = /^(.+?)(s|t)(ion)$/.exec(w))) {
      s = m[1] + m[2];
      if (MGR1.test(s)) w = s;
    }
    if ((m = /^(.+?)e$/.exec(w))) {
      s = m[1];
      if (MGR1.test(s) || (MEQ1.test(s) && !CVC.test(s))) w = s;
    }
    if (/ll$/.test(w) && MGR1.test(w)) w = w.slice(0, -1);
    if (y) w = "y" + w.slice(1);
    return w;
  }

  /* The terms of normalised text, as search_text.terms(): {key, pos, positional, start, end}. */
  function terms(text, start) {
    var out = [], pos = start || 0, prevHan = null, lastEnd = 0, m;
    TOKEN.lastIndex = 0;
    while ((m = TOKEN.exec(text))) {
      if (m.index !== lastEnd) prevHan = null;
      lastEnd = TOKEN.lastIndex;
      if (m[3] !== undefined) continue;
      if (m[1] !== undefined) {
        out.push({ key: m[1], pos: pos, positional: false, start: m.index, end: lastEnd });
        if (prevHan !== null) out.push({ key: prevHan + m[1], pos: pos - 1, positional: true });
        prevHan = m[1];
      } else {
        out.push({ key: stem(m[2]), pos: pos, positional: true, start: m.index, end: lastEnd });
        prevHan = null;
      }
      pos += 1;
    }
    return out;
  }

  /* A query segment (a space-free piece): its required terms with offsets. */
  function segmentTerms(text) {
    var all = terms(text, 0), bigramAt = {}, out = [];
    all.forEach(function (t) { if (t.positional && t.key.length === 2 && !/[a-z0-9]/.test(t.key)) { bigramAt[t.pos] = 1; bigramAt[t.pos + 1] = 1; } });
    all.forEach(function (t) {
      if (!t.positional && bigramAt[t.pos]) return;    /* a Han character inside a bigram */
      out.push({ key: t.key, off: t.pos, positional: t.positional });
    });
    return out;
  }

  /* ------------------------------------------------------------------ citations */

  var DIGIT = { "〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9 };
  var UNIT = { "十": 10, "百": 100, "千": 1000 };

  function number(text) {
    if (/^[0-9]+$/.test(text)) return parseInt(text, 10);
    var roman = /^[ivxlc]+$/.test(text) ? romanValue(text) : null;
    if (roman) return roman;
    var total = 0, digit = null;
    for (var i = 0; i < text.length; i++) {
      var ch = text.charAt(i);
      if (ch in DIGIT) digit = DIGIT[ch];
      else if (ch in UNIT) { total += (digit === null ? 1 : digit) * UNIT[ch]; digit = null; }
      else return null;
    }
    return total + (digit || 0);
  }

  function romanValue(text) {
    var values = { i: 1, v: 5, x: 10, l: 50, c: 100 }, total = 0;
    for (var i = 0; i < text.length; i++) {
      var v = values[text.charAt(i)], next = values[text.charAt(i + 1)] || 0;
      total += v < next ? -v : v;
    }
    return total;
  }

  var NUM = "([0-9]+|[〇零一二三四五六七八九十百千两]+)";
  var CITE_ZH = new RegExp("^第?" + NUM + "条(?:第?" + NUM + "款)?(?:第?\\(?" + NUM + "\\)?项|\\(" + NUM + "\\))?$");
  var CITE_EN = /^art(?:icle)?s?\.?([0-9]+)(?:\(([0-9]+)\)|,?para(?:graph)?\.?([0-9]+))?(?:\(([ivxlc]+|[0-9]+)\)|,?item\.?([0-9]+))?$/;

  /* {article, paragraph, item} or null: the whole text must be one citation. */
  function citation(text) {
    var t = text.replace(/\s+/g, ""), m;
    if ((m = CITE_ZH.exec(t))) return cite(number(m[1]), m[2] && number(m[2]), number(m[3] || m[4] || ""));
    if ((m = CITE_EN.exec(t))) return cite(number(m[1]), number(m[2] || m[3] || ""), number(m[4] || m[5] || ""));
    return null;
  }

  function cite(article, paragraph, item) {
    if (!article) return null;
    return { article: article, paragraph: paragraph || null, item: item || null };
  }

  function isBoundary(ch) { return ch === "" || !/[a-z0-9]/.test(ch) && !new RegExp("[" + HAN + "]").test(ch); }

  /* A statute named in the query (an alias from the manifest) scopes it: {scope, rest}. */
  function findScope(q, manifest) {
    var best = null;
    manifest.collections.forEach(function (c) {
      c.aliases.forEach(function (alias) {
        var from = 0, i;
        while ((i = q.indexOf(alias, from)) >= 0) {
          from = i + 1;
          var before = q.charAt(i - 1), after = q.slice(i + alias.length);
          var ok = isBoundary(before) && (isBoundary(after.charAt(0)) || citation(after));
          if (!ok) continue;
          if (!best || alias.length > best.alias.length) best = { alias: alias, at: i, ids: [c.id] };
          else if (alias === best.alias && best.ids.indexOf(c.id) < 0) best.ids.push(c.id);
        }
      });
    });
    if (!best) return { scope: null, rest: q };
    var rest = (q.slice(0, best.at) + " " + q.slice(best.at + best.alias.length)).replace(/\s+/g, " ").trim();
    return { scope: best.ids, rest: rest };
  }

  /* Letter pairs (Han) and words (Latin) of a name, for a loose comparison of names. */
  function nameBits(text) {
    var bits = {}, han = text.replace(new RegExp("[^" + HAN + "]+", "g"), " ").split(" ");
    han.forEach(function (run) { for (var i = 0; i + 1 < run.length; i++) bits[run.substr(i, 2)] = 1; });
    (text.match(/[a-z]{3,}/g) || []).forEach(function (w) { bits[stem(w)] = 1; });
    return bits;
  }

  /* "深圳条例第65条", "Shenzhen regulations art. 10": a citation after words that name a statute
   * loosely (no exact alias). The statute whose name shares most with the words, if any. */
  function looseScope(q, manifest) {
    for (var i = 1; i < q.length; i++) {
      if (!citation(q.slice(i))) continue;
      var words = nameBits(q.slice(0, i)), want = Object.keys(words).length, best = null, tie = false;
      if (!want) return null;
      manifest.collections.forEach(function (c) {
        var score = 0;
        c.aliases.forEach(function (alias) {
          var bits = nameBits(alias), shared = 0;
          Object.keys(words).forEach(function (w) { if (bits[w]) shared += 1; });
          score = Math.max(score, shared / want);
        });
        if (best && score === best.score) tie = true;
        if (!best || score > best.score) { best = { id: c.id, score: score }; tie = false; }
      });
      return best && !tie && best.score >= 0.5 ? { scope: [best.id], rest: q.slice(i).trim() } : null;
    }
    return null;
  }

  function parseQuery(raw, manifest) {
    var q = normalise(raw).replace(/[《》〈〉「」『』“”"'‘’]/g, " ").replace(/\s+/g, " ").trim();
    var scoped = findScope(q, manifest);
    if (!citation(scoped.rest)) scoped = looseScope(q, manifest) || scoped;
    var rest = scoped.rest;
    return { text: q, scope: scoped.scope, rest: rest, citation: citation(rest),
             segments: rest.split(" ").filter(Boolean).map(segmentTerms).filter(function (s) { return s.length; }) };
  }

  /* ------------------------------------------------------------------ index */

  function fnv1a(term) {
    var h = 0x811c9dc5;
    for (var i = 0; i < term.length; i++) {
      h ^= term.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h >>> 0;
  }

  function shardOf(key) { return fnv1a(key) % store.manifest.shards; }

  /* key -> {docs: {"g-p": {g, p, tf, pos: [..] or null}}, df} */
  function postings(key) {
    if (store.postings[key]) return store.postings[key];
    var raw = (store.shards[shardOf(key)] || {})[key], docs = {}, df = 0, g = 0;
    if (raw) {
      raw.split(";").forEach(function (entry) {
        var m = /^([0-9a-z]+)(?:-([0-9a-z]+))?(?::([0-9a-z,]+)|\*([0-9a-z]+))?$/.exec(entry);
        g += parseInt(m[1], 36);
        var p = m[2] ? parseInt(m[2], 36) : PARA_P, pos = null, tf = m[4] ? parseInt(m[4], 36) : 1;
        if (m[3]) {
          var prev = 0;
          pos = m[3].split(",").map(function (d) { prev += parseInt(d, 36); return prev; });
          tf = pos.length;
        }
        docs[g + "-" + p] = { g: g, p: p, tf: tf, pos: pos };
        df += 1;
      });
    }
    return (store.postings[key] = { docs: docs, df: df });
  }

  function collectionOf(g) {                         /* binary search: collections are in group order */
    var cs = store.manifest.collections, lo = 0, hi = cs.length - 1;
    if (!cs.length || cs[0].g > g) return null;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (cs[mid].g <= g) lo = mid; else hi = mid - 1;
    }
    return cs[lo];
  }

  function kindOf(c, g) {
    var k = g - c.g;
    return k < c.n ? "a" : c.x[k - c.n] || "a";
  }

  var STATUS_WEIGHT = { in_force: 1, not_yet_in_force: 0.8, repealed: 0.6, draft: 0.6 };
  var KIND_WEIGHT = { a: 1, m: 1, o: 0.2, c: 0.4 };

  function docWeight(c, g, p) {
    var kind = kindOf(c, g), w = KIND_WEIGHT[kind] || 0.5;
    if (kind === "a" && p === 0) w *= 1.5;           /* the article's own title */
    if (p === NOTES_P) w *= 0.5;                     /* editors' notes */
    return w * (STATUS_WEIGHT[c.status] || 0.8);
  }

  /* Docs matching every term of a segment: {"g-p": score}; an exact phrase scores most.
   * ``loose``: docs matching at least two thirds of a segment's three or more terms (when
   * nothing matches them all: a reader's phrase that is not quite the text's), scored lower. */
  function segmentScores(seg, loose) {
    if (loose && seg.length < 3) loose = false;      /* a short piece is matched whole even then */
    var n = store.manifest.docs, lists = seg.map(function (t) { return postings(t.key); });
    var idf = lists.map(function (l) { return Math.log(1 + n / Math.max(l.df, 1)); });
    var sumIdf = idf.reduce(function (a, b) { return a + b; }, 0), out = {};
    if (loose) {
      var need = Math.ceil(seg.length * 2 / 3), counts = {};
      lists.forEach(function (l) { Object.keys(l.docs).forEach(function (key) { counts[key] = (counts[key] || 0) + 1; }); });
      Object.keys(counts).forEach(function (key) {
        if (counts[key] < need) return;
        var score = 0;
        lists.forEach(function (l, i) { var d = l.docs[key]; if (d) score += idf[i] * d.tf / (d.tf + 1); });
        out[key] = 0.5 * score;
      });
      return out;
    }
    var order = lists.slice().sort(function (a, b) { return a.df - b.df; });
    Object.keys(order[0].docs).forEach(function (key) {
      for (var i = 1; i < order.length; i++) if (!order[i].docs[key]) return;
      var partial = 0, positional = [];
      lists.forEach(function (l, i) {
        var d = l.docs[key];
        partial += idf[i] * d.tf / (d.tf + 1);
        if (seg[i].positional && d.pos) positional.push({ set: d.pos, off: seg[i].off });
      });
      var occurrences = phraseCount(positional, lists[0].docs[key].tf);
      out[key] = occurrences ? sumIdf * (2 + 0.25 * Math.min(occurrences, 4)) : partial;
    });
    return out;
  }

  function phraseCount(positional, fallback) {
    if (positional.length === 0) return fallback;
    var first = positional[0], count = 0;
    first.set.forEach(function (p) {
      var base = p - first.off;
      for (var i = 1; i < positional.length; i++) {
        if (positional[i].set.indexOf(base + positional[i].off) < 0) return;
      }
      count += 1;
    });
    return count;
  }

  function inScope(c, scope) { return !scope || scope.indexOf(c.id) >= 0; }

  /* Groups (pages) matching every segment, best first: [{g, p, score}]. */
  function textResults(parsed, scope, loose) {
    if (!parsed.segments.length) return [];
    var groups = {};
    parsed.segments.forEach(function (seg, si) {
      var scores = segmentScores(seg, loose);
      Object.keys(scores).forEach(function (key) {
        var parts = key.split("-"), g = +parts[0], p = +parts[1], c = collectionOf(g);
        if (!c || !inScope(c, scope)) return;
        var s = scores[key] * docWeight(c, g, p);
        var entry = groups[g] || (groups[g] = { g: g, segs: {}, docs: {} });
        var best = entry.segs[si] || (entry.segs[si] = { best: 0, sum: 0 });
        best.best = Math.max(best.best, s);
        best.sum += s;
        entry.docs[p] = (entry.docs[p] || 0) + s + 1000;   /* docs matching more segments first */
      });
    });
    /* every segment on the page; loosely, two thirds of three or more */
    var nseg = parsed.segments.length, need = loose && nseg >= 3 ? Math.ceil(nseg * 2 / 3) : nseg, out = [];
    Object.keys(groups).forEach(function (g) {
      var e = groups[g], score = 0, found = 0;
      for (var si = 0; si < nseg; si++) {
        if (!e.segs[si]) continue;
        found += 1;
        score += e.segs[si].best + 0.2 * (e.segs[si].sum - e.segs[si].best);
      }
      if (found < need) return;
      var bestP = null;
      Object.keys(e.docs).forEach(function (p) { if (bestP === null || e.docs[p] > e.docs[bestP]) bestP = p; });
      out.push({ g: e.g, p: +bestP, score: score });
    });
    return out.sort(function (a, b) { return b.score - a.score || a.g - b.g; });
  }

  function citationResults(parsed, scope) {
    var cs = store.manifest.collections.filter(function (c) { return inScope(c, scope) && parsed.citation.article <= c.n; });
    cs.sort(function (a, b) { return (STATUS_WEIGHT[b.status] || 0.8) - (STATUS_WEIGHT[a.status] || 0.8); });
    return cs.map(function (c) { return { g: c.g + parsed.citation.article - 1, cite: parsed.citation, score: Infinity }; });
  }

  /* A query that is only a statute's name: its overview page. */
  function overviewResults(scope) {
    return store.manifest.collections.filter(function (c) { return inScope(c, scope) && c.x.indexOf("o") >= 0; })
      .map(function (c) { return { g: c.g + c.n + c.x.indexOf("o"), p: 0, score: Infinity }; });
  }

  function chunkOf(g) {
    var starts = store.manifest.chunks, lo = 0, hi = starts.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= g) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  function loadGroups(results) {
    var chunks = {};
    results.forEach(function (r) { chunks[chunkOf(r.g)] = 1; });
    return Promise.all(Object.keys(chunks).map(function (n) { return load("d/" + n + ".js"); })).then(function () {
      results.forEach(function (r) {
        r.group = (store.chunks[chunkOf(r.g)] || []).filter(function (rec) { return rec[0] === r.g; })[0];
      });
      return results.filter(function (r) { return r.group; });
    });
  }

  /* The result's doc and anchor; a citation's paragraph or item only when it exists. */
  function target(r) {
    var docs = r.group[5], find = function (p) { return docs.filter(function (d) { return d[0] === p; })[0]; };
    if (!r.cite) return { doc: find(r.p), anchor: (find(r.p) || [])[1] };
    var k = r.cite.paragraph, art = "art_" + r.cite.article;
    if (!k && r.cite.item) {                         /* 第六十五条（四）: the first paragraph with that item */
      var withItem = docs.filter(function (d) { return d[0] < NOTES_P && d[0] % PARA_P === r.cite.item; })[0];
      if (withItem) k = Math.floor(withItem[0] / PARA_P);
    }
    var inPara = docs.filter(function (d) { return k && Math.floor(d[0] / PARA_P) === k && d[0] < NOTES_P; });
    if (!inPara.length) {
      var first = docs.filter(function (d) { return d[0] >= PARA_P && d[0] < NOTES_P; })[0];
      return { doc: first, anchor: docs.length ? art : "" };
    }
    var item = r.cite.item ? find(k * PARA_P + r.cite.item) : null;
    if (item) return { doc: item, anchor: item[1] };
    return { doc: inPara[0], anchor: art + "__para_" + k };
  }

  function search(raw, filter) {
    return load("manifest.js").then(function () {
      return /[^\x00-\x7f]/.test(raw) ? load("t2s.js") : null;
    }).then(function () {
      var parsed = parseQuery(raw, store.manifest);
      var scope = parsed.scope;
      if (filter) scope = scope ? scope.filter(function (id) { return id === filter; }) : [filter];
      var keys = {};
      if (!parsed.citation) parsed.segments.forEach(function (seg) { seg.forEach(function (t) { keys[shardOf(t.key)] = 1; }); });
      return Promise.all(Object.keys(keys).map(function (n) { return load("s/" + n + ".js"); })).then(function () {
        var results = parsed.citation ? citationResults(parsed, scope)
          : parsed.scope && !parsed.segments.length ? overviewResults(scope) : textResults(parsed, scope);
        if (!results.length && parsed.scope && !filter && !parsed.citation) {
          parsed = parseQuery(raw, { collections: [] });             /* the name was text after all */
          return searchUnscoped(parsed);
        }
        if (!results.length && !parsed.citation) results = textResults(parsed, scope, true);
        return { parsed: parsed, results: results };
      });
    });
  }

  function searchUnscoped(parsed) {
    var keys = {};
    parsed.segments.forEach(function (seg) { seg.forEach(function (t) { keys[shardOf(t.key)] = 1; }); });
    return Promise.all(Object.keys(keys).map(function (n) { return load("s/" + n + ".js"); })).then(function () {
      var results = textResults(parsed, null);
      return { parsed: parsed, results: results.length ? results : textResults(parsed, null, true) };
    });
  }

  /* ------------------------------------------------------------------ results page */

  function pageUrl(url) {
    var dirUrls = !/\.html$/.test(location.pathname);
    if (!dirUrls) url = url === "" ? "index.html" : url.replace(/\/$/, ".html");
    return ROOT + url;
  }

  function view() {
    var v = document.documentElement.dataset.view;
    return v === "zh" || v === "en" ? v : "both";
  }

  /* [start, end) ranges of text to mark: the query's Chinese runs and whole words whose stem matches. */
  function highlights(text, parsed) {
    var norm = normalise(text), ranges = [], words = {}, runs = [];
    if (parsed.citation || !parsed.segments.length) return ranges;    /* a citation's text is shown as is */
    parsed.rest.split(" ").forEach(function (piece) {
      (piece.match(new RegExp("[" + HAN + "]+", "g")) || []).forEach(function (run) { runs.push(run); });
    });
    parsed.segments.forEach(function (seg) { seg.forEach(function (t) { if (/^[a-z0-9]+$/.test(t.key)) words[t.key] = 1; }); });
    runs.forEach(function (run) {
      for (var i = norm.indexOf(run); i >= 0; i = norm.indexOf(run, i + run.length)) ranges.push([i, i + run.length]);
    });
    var re = /[a-z0-9]+/g, m;
    while ((m = re.exec(norm))) if (words[stem(m[0])]) ranges.push([m.index, m.index + m[0].length]);
    return ranges.sort(function (a, b) { return a[0] - b[0]; });
  }

  function snippet(text, parsed, limit) {
    var ranges = highlights(text, parsed), start = 0;
    if (ranges.length && ranges[0][0] > limit / 3) start = ranges[0][0] - Math.floor(limit / 3);
    var end = Math.min(text.length, start + limit), frag = document.createDocumentFragment(), at = start;
    if (start > 0) frag.appendChild(document.createTextNode("…"));
    ranges.forEach(function (r) {
      if (r[0] < at || r[1] > end) return;
      frag.appendChild(document.createTextNode(text.slice(at, r[0])));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(r[0], r[1]);
      frag.appendChild(mark);
      at = r[1];
    });
    frag.appendChild(document.createTextNode(text.slice(at, end) + (end < text.length ? "…" : "")));
    return frag;
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }

  /* A bilingual caption (as render/html.py bi() writes): the view shows one half or both. */
  var HAN_CHAR = new RegExp("[" + HAN + "]");
  function bilingual(zh, en, sep) {
    var wrap = el("span", "bi"), a = el("span", "", zh), b = el("span", "bi-sep", sep || " · "), c = el("span", "", en);
    a.lang = "zh-Hans";
    c.lang = "en";
    wrap.appendChild(a); wrap.appendChild(b); wrap.appendChild(c);
    return wrap;
  }
  function caption(zh, en) {
    if (zh && en && HAN_CHAR.test(zh) && !HAN_CHAR.test(en)) return bilingual(zh, en);
    return document.createTextNode(zh + (en ? " · " + en : ""));
  }

  function resultItem(r, parsed) {
    var rec = r.group, t = target(r), c = collectionOf(r.g), doc = t.doc;
    var li = el("li", "search-result");
    li.setAttribute("data-search-result", "");
    var a = el("a", "search-result__title");
    a.appendChild(caption(rec[2], rec[3]));
    a.href = pageUrl(rec[1]) + (t.anchor ? "#" + t.anchor : "");
    var heading = el("h2", "search-result__heading");
    heading.appendChild(a);
    li.appendChild(heading);
    var meta = el("p", "search-result__statute");
    meta.appendChild(caption(c.title, c.short || c.title_en));
    if (doc && doc[0] >= PARA_P && doc[0] < NOTES_P && rec[4] !== "c") {
      var item = doc[0] % PARA_P;
      meta.appendChild(document.createTextNode(" · ¶ " + Math.floor(doc[0] / PARA_P) + (item ? " (" + item + ")" : "")));
    }
    if (rec[4] === "m") {
      meta.appendChild(document.createTextNode(" · "));
      meta.appendChild(bilingual("来源文本缺失", "not in the source copy"));
    }
    li.appendChild(meta);
    if (doc) {
      var v = view(), zh = doc[2], en = doc[3];
      if (zh && (v !== "en" || !en)) li.appendChild(textBlock(zh, "zh-Hans", parsed));
      if (en && (v !== "zh" || !zh)) li.appendChild(textBlock(en, "en", parsed));
    }
    return li;
  }

  function textBlock(text, lang, parsed) {
    var p = el("p", "search-result__snippet");
    p.lang = lang;
    p.appendChild(snippet(text, parsed, lang === "en" ? 220 : 90));
    return p;
  }

  function showPage(page, state, count) {
    var slice = state.results.slice(count, count + PAGE_SIZE);
    return loadGroups(slice).then(function (shown) {
      shown.forEach(function (r) { page.list.appendChild(resultItem(r, state.parsed)); });
      var total = state.results.length, done = Math.min(total, count + PAGE_SIZE);
      page.more.hidden = done >= total;
      page.more.onclick = function () { showPage(page, state, done); };
      page.status.textContent = "";
      page.status.appendChild(bilingual("共 " + total + " 条结果", total + (total === 1 ? " result" : " results")));
    });
  }

  function initPage(root) {
    var params = new URLSearchParams(location.search);
    var q = (params.get("q") || "").trim(), s = params.get("s") || "";
    var input = root.querySelector("#search-q"), select = root.querySelector("#search-s");
    var page = { list: root.querySelector(".search-results"), status: root.querySelector(".search-status"),
                 more: root.querySelector(".search-more") };
    input.value = q;
    if (select) {
      select.value = s;
      select.addEventListener("change", function () { if (input.value.trim()) select.form.submit(); });
    }
    var header = document.getElementById("site-search-q");
    if (header) header.value = q;
    if (!q) { root.setAttribute("data-search-state", "idle"); input.focus(); return; }
    document.title = q + " · " + document.title;
    root.setAttribute("data-search-state", "searching");
    search(q, s).then(function (state) {
      if (!state.results.length) {
        var empty = el("p", "search-empty");
        empty.appendChild(bilingual("没有找到“" + q + "”的结果", "No results for “" + q + "”"));
        empty.setAttribute("data-search-empty", "");
        page.status.textContent = "";
        page.list.parentNode.insertBefore(empty, page.list);
        return null;
      }
      return showPage(page, state, 0);
    }).catch(function (err) {
      page.status.textContent = "";
      page.status.appendChild(bilingual("搜索失败：" + err.message, "Search failed: " + err.message));
    }).then(function () { root.setAttribute("data-search-state", "done"); });
  }

  window.StatuteSearch = { normalise: normalise, stem: stem, terms: terms, citation: citation,
                           parseQuery: parseQuery, search: search, load: load, store: store };

  function init() {
    var root = document.querySelector("[data-search-page]");
    if (root) initPage(root);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
