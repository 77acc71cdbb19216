// The search page: plain JavaScript, no build step. Calls the server's JSON API and renders the answers.
"use strict";
const LANGS = ["en", "et", "lv", "lt"];
const $ = (id) => document.getElementById(id);

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  for (const child of children) node.append(child instanceof Node ? child : document.createTextNode(child ?? ""));
  return node;
}

async function call(url, body) {
  const headers = {"Accept": "application/json"};
  const token = $("token").value.trim();
  if (token) headers["Authorization"] = "Bearer " + token;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(url, {method: body === undefined ? "GET" : "POST", headers,
                                     body: body === undefined ? undefined : JSON.stringify(body)});
  const data = await response.json();
  if (!response.ok) throw new Error(data.error || response.statusText);
  return data;
}

function showError(where, error) {
  where.replaceChildren(el("p", {"class": "error", "role": "alert"}, error.message));
}

function diffNode(diff) {
  const cell = el("span", {"class": "diff"});
  for (const [op, text] of diff) {
    cell.append(op === "-" ? el("del", {"title": "in the memory, not in your clause"}, text)
              : op === "+" ? el("ins", {"title": "in your clause, not in the memory"}, text) : text);
  }
  return cell;
}

function renderMatches(src, data) {
  const byUnit = new Map();
  for (const [, found] of Object.entries(data.results[0].matches)) {
    for (const match of found) if (!byUnit.has(match.unit)) byUnit.set(match.unit, match);
  }
  const rows = [...byUnit.values()].sort((a, b) => b.score - a.score || a.unit - b.unit);
  if (!rows.length) return el("p", {"class": "hint"}, "No match.");
  const shown = [src, ...LANGS.filter((lang) => lang !== src)];
  const table = el("table", {"id": "match-table"},
    el("thead", {}, el("tr", {}, el("th", {"class": "score", "scope": "col"}, "%"),
                    ...shown.map((lang) => el("th", {"scope": "col", "lang": "en"}, lang)))));
  const body = el("tbody");
  for (const match of rows) {
    const row = el("tr", {"tabindex": "0", "class": "match", "data-unit": String(match.unit)},
                   el("td", {"class": "score"}, match.score + "%"));
    for (const lang of shown) {
      const text = lang === src ? diffNode(match.diff) : (match.variants || {})[lang] || "—";
      row.append(el("td", {"lang": lang, "class": "lang-" + lang}, text));
    }
    body.append(row);
  }
  table.append(body);
  return table;
}

function renderTerms(data) {
  if (!data.terms.length) return el("p", {"class": "hint"}, "No glossary term in this clause.");
  const list = el("ul", {"id": "term-list"});
  for (const term of data.terms) {
    const item = el("li", {"tabindex": "0"}, el("strong", {}, term.found), ` (${term.term}, ${term.concept}): `);
    for (const [lang, terms] of Object.entries(term.translations)) {
      item.append(el("span", {"class": "meta"}, ` ${lang}: `));
      terms.forEach((t, i) => {
        item.append(el("span", {"class": "status-" + t.status, "lang": lang, "title": t.status}, t.term));
        if (i + 1 < terms.length) item.append(", ");
      });
    }
    list.append(item);
  }
  return list;
}

function renderConcordance(data) {
  if (!data.hits.length) return el("p", {"class": "hint"}, "Not found.");
  const table = el("table", {"id": "concordance-table"},
    el("thead", {}, el("tr", {}, el("th", {"scope": "col"}, data.lang),
                    ...data.langs.map((lang) => el("th", {"scope": "col"}, lang)))));
  const body = el("tbody");
  for (const hit of data.hits) {
    const cell = el("td", {"lang": data.lang}, hit.text.slice(0, hit.start), el("mark", {}, hit.text.slice(hit.start, hit.end)),
                    hit.text.slice(hit.end));
    body.append(el("tr", {"tabindex": "0", "class": "hit"}, cell,
                   ...data.langs.map((lang) => el("td", {"lang": lang}, hit.translations[lang] || "—"))));
  }
  table.append(body);
  const box = el("div", {}, table);
  if (data.more) box.append(el("p", {"class": "hint"}, "More occurrences exist; refine the search."));
  return box;
}

let pending = 0;
async function lookup() {
  const text = $("clause").value.trim();
  const src = $("src").value;
  if (!text) return;
  const ticket = ++pending;
  $("status").textContent = "Searching…";
  const minimum = Math.max(0, Math.min(100, parseInt($("minimum").value || "50", 10)));
  const tgts = LANGS.filter((lang) => lang !== src);
  const [matches, terms] = await Promise.allSettled([
    call("/api/query", {texts: [text], src, tgts, min: minimum, limit: 8, variants: true}),
    call("/api/terms", {text, lang: src}),
  ]);
  if (ticket !== pending) return;  // a newer search has started
  if (matches.status === "fulfilled") $("matches").replaceChildren(renderMatches(src, matches.value));
  else showError($("matches"), matches.reason);
  if (terms.status === "fulfilled") $("terms").replaceChildren(renderTerms(terms.value));
  else showError($("terms"), terms.reason);
  $("status").textContent = `Done: ${text.length > 40 ? text.slice(0, 40) + "…" : text}`;
}

async function concord() {
  const word = $("word").value.trim();
  if (!word) return;
  const params = new URLSearchParams({text: word, lang: $("src").value, stems: $("stems").checked, limit: 20});
  try {
    $("concordance").replaceChildren(renderConcordance(await call("/api/concordance?" + params)));
  } catch (error) {
    showError($("concordance"), error);
  }
}

document.addEventListener("DOMContentLoaded", () => {
  let timer = null;
  $("lookup").addEventListener("submit", (event) => { event.preventDefault(); clearTimeout(timer); lookup(); });
  $("clause").addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey) { event.preventDefault(); clearTimeout(timer); lookup(); }
  });
  $("clause").addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(lookup, 400); });
  $("concord").addEventListener("submit", (event) => { event.preventDefault(); concord(); });
  document.addEventListener("keydown", (event) => {
    const typing = ["INPUT", "TEXTAREA", "SELECT"].includes(document.activeElement.tagName);
    if (event.key === "/" && !typing) { event.preventDefault(); $("clause").focus(); }
    if (event.altKey && (event.key === "c" || event.key === "C")) { event.preventDefault(); $("word").focus(); }
  });
  $("token").value = sessionStorage.getItem("tm-token") || "";
  $("token").addEventListener("change", () => sessionStorage.setItem("tm-token", $("token").value));
});
