// The catalog page's search box over Pagefind's static index (out/pagefind/). Each
// publication's title is a heading with an id, so each found publication is a sub-result
// linking to it on its page. The words shown come from the form's data- attributes
// (translated with the page); this script holds none.
const form = document.querySelector("form.search");
const list = document.querySelector("ol.results");
let pagefind = null;

function show(items) {
  list.replaceChildren(...items);
  list.hidden = items.length === 0;
}

function note(text) {
  const item = document.createElement("li");
  item.className = "note";
  item.textContent = text;
  return item;
}

function result(sub) {
  const item = document.createElement("li");
  const link = document.createElement("a");
  link.href = sub.url;
  link.textContent = sub.title;
  const excerpt = document.createElement("p");
  excerpt.innerHTML = sub.excerpt;  // Pagefind's excerpt: page text, escaped, with <mark> around the hits
  item.append(link, excerpt);
  return item;
}

// The index is in shards (pagefind/shards.json lists them): the first one's script searches
// all of them once the others are merged into it.
async function load(folder) {
  const { bundles } = await (await fetch(new URL("shards.json", folder))).json();
  const first = await import(new URL(bundles[0] + "pagefind.js", folder).href);
  for (const other of bundles.slice(1)) await first.mergeIndex(new URL(other, folder).href);
  return first;
}

async function search(query) {
  if (!query.trim()) return show([]);
  try {
    pagefind ??= await load(new URL(form.dataset.bundle, document.baseURI));
  } catch {
    return show([note(form.dataset.offline)]);
  }
  const found = await pagefind.debouncedSearch(query);
  if (found === null) return;  // a newer query is under way
  const pagesFound = await Promise.all(found.results.slice(0, 10).map((r) => r.data()));
  const subs = pagesFound.flatMap((page) => page.sub_results.filter((sub) => sub.url.includes("#")));
  show(subs.length ? subs.slice(0, 20).map(result) : [note(form.dataset.none)]);
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  search(form.elements.q.value);
});
form.elements.q.addEventListener("input", () => search(form.elements.q.value));
