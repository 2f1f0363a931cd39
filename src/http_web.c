/*
 * http_web.c — how every page answers (see st_http_page.h): a document
 * with root <page> handed to a web-*.xsl stylesheet, whose HTML serializer
 * escapes everything that came from data; error pages; the stylesheets and
 * the two static files, loaded once at start.
 */
#include "st_http_page.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "st_account.h"
#include "st_report.h"

static const char *const style_files[ST_STYLE__COUNT] = {
	"web-login.xsl", "web-error.xsl", "web-dashboard.xsl", "web-enterprise.xsl",
	"web-account.xsl", "web-form.xsl", "web-inspection.xsl", "web-hazard.xsl",
};

static char *read_file(const char *dir, const char *name, size_t *len, struct st_diag *diag)
{
	char path[4200];
	FILE *f;
	char *buf;
	long n;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	if (!(f = fopen(path, "rb"))) {
		st_diag_add(diag, "%s: 无法读取", path);
		return NULL;
	}
	if (fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 || n > 1024 * 1024 || fseek(f, 0, SEEK_SET)) {
		fclose(f);
		st_diag_add(diag, "%s: 无法读取", path);
		return NULL;
	}
	buf = malloc((size_t)n + 1);
	if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	if (!buf) {
		st_diag_add(diag, "%s: 无法读取", path);
		return NULL;
	}
	buf[n] = '\0';
	*len = (size_t)n;
	return buf;
}

int st_web_init(struct st_web *w, const struct st_server_opts *o, struct st_diag *diag)
{
	memset(w, 0, sizeof *w);
	w->db_path = o->db_path;
	w->pack = o->pack;
	w->templates = strdup(o->templates ? o->templates : st_report_default_dir());
	if (!w->templates)
		return st_diag_add(diag, "内存不足");
	for (int i = 0; i < ST_STYLE__COUNT; i++) {
		char path[4200];
		snprintf(path, sizeof path, "%s/%s", w->templates, style_files[i]);
		if (st_report_style_load(path, &w->style[i], diag))
			return -1;
	}
	if (!(w->css = read_file(w->templates, "web.css", &w->css_len, diag)) ||
	    !(w->js = read_file(w->templates, "web.js", &w->js_len, diag)))
		return -1;
	return 0;
}

void st_web_release(struct st_web *w)
{
	for (int i = 0; i < ST_STYLE__COUNT; i++)
		if (w->style[i])
			xsltFreeStylesheet(w->style[i]);
	free(w->templates);
	free(w->css);
	free(w->js);
	memset(w, 0, sizeof *w);
}

int st_web_urlencode_char(int c, char *out)
{
	static const char hex[] = "0123456789ABCDEF";
	unsigned char u = (unsigned char)c;

	if ((u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') ||
	    u == '-' || u == '_' || u == '.' || u == '/' || u == '~') {
		out[0] = (char)u;
		return 1;
	}
	out[0] = '%';
	out[1] = hex[u >> 4];
	out[2] = hex[u & 15];
	return 3;
}

xmlNodePtr st_web_text(xmlNodePtr parent, const char *name, const char *text)
{
	/* xmlNewTextChild escapes; xmlNewChild would take text as markup */
	return xmlNewTextChild(parent, NULL, BAD_CAST name, BAD_CAST (text ? text : ""));
}

void st_web_attr(xmlNodePtr node, const char *name, const char *text)
{
	if (text)
		xmlSetProp(node, BAD_CAST name, BAD_CAST text);
}

xmlDocPtr st_web_page(struct st_req *r, const char *title, xmlNodePtr *root)
{
	xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr page;

	if (!doc)
		return NULL;
	page = xmlNewNode(NULL, BAD_CAST "page");
	if (!page) {
		xmlFreeDoc(doc);
		return NULL;
	}
	xmlDocSetRootElement(doc, page);
	st_web_attr(page, "title", title);
	st_web_attr(page, "path", r->path);
	if (r->has_session) {
		const struct st_account *a = &r->session.account;
		xmlNodePtr u = st_web_text(page, "account", NULL);
		st_web_attr(u, "name", a->name);
		st_web_attr(u, "role", st_role_name(a->role));
		st_web_attr(u, "role-label", st_role_label(a->role));
		st_web_attr(u, "enterprise", a->enterprise);
		st_web_attr(u, "csrf", r->session.csrf);
		if (st_access_may_write(a))
			st_web_attr(u, "may-write", "yes");
	}
	*root = page;
	return doc;
}

void st_web_render(struct st_req *r, int status, enum st_web_style style, xmlDocPtr doc)
{
	struct st_diag diag = ST_DIAG_INIT;
	char *buf = NULL;
	size_t len = 0;
	FILE *f;
	int rc = -1;

	if (!doc) {
		st_req_text(r, 500, "内存不足");
		return;
	}
	f = open_memstream(&buf, &len);
	if (f) {
		rc = st_report_apply(r->web->style[style], doc, f, &diag);
		if (fclose(f))
			rc = -1;
	}
	xmlFreeDoc(doc);
	st_diag_release(&diag);
	if (rc) {
		free(buf);
		st_req_text(r, 500, "页面生成失败");
		return;
	}
	st_req_answer(r, status, "text/html; charset=utf-8", buf, len);
}

void st_web_error(struct st_req *r, int status, const char *message)
{
	xmlNodePtr root;
	xmlDocPtr doc;

	if (!strncmp(r->path, "/api/", 5)) {
		json_t *o = json_pack("{s:s}", "error", message);
		char *s = o ? json_dumps(o, JSON_COMPACT) : NULL;
		json_decref(o);
		st_req_answer(r, status, "application/json", s, s ? strlen(s) : 0);
		return;
	}
	doc = st_web_page(r, message, &root);
	if (doc) {
		xmlNodePtr e = st_web_text(root, "error", message);
		char code[8];
		snprintf(code, sizeof code, "%d", status);
		st_web_attr(e, "status", code);
	}
	st_web_render(r, status, ST_STYLE_ERROR, doc);
}
