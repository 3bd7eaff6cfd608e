// Observable Framework report over pxweb-server (server/it/framework.sh). Offline: the page
// imports Plot from node_modules, not from npm's CDN.
export default {
  title: "pxweb-server",
  root: "src",
  pager: false,
  sidebar: false,
  search: false
};
