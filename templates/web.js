/* web.js — progressive enhancement only; every page works without it.
   Asks before a form that ends something (data-confirm) is sent. */
"use strict";
document.addEventListener("submit", function (ev) {
	var msg = ev.target.getAttribute("data-confirm");
	if (msg && !window.confirm(msg))
		ev.preventDefault();
});
