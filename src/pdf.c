/*
 * pdf.c — HTML reports to PDF through headless Chromium (see st_pdf.h).
 *
 * The browser is a child process started with posix_spawn, its output
 * thrown away; this module waits for it with a time limit and checks what
 * it wrote, so that a browser that crashes or hangs gives a message and no
 * half a PDF.  Nothing here prints or exits.
 */
#define _XOPEN_SOURCE 700   /* realpath */
#include "st_pdf.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static int executable(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, X_OK) == 0;
}

char *st_pdf_browser(struct st_diag *diag)
{
	static const char *const names[] = { "chromium", "chromium-browser", "google-chrome" };
	const char *env = getenv("SAFETRACK_CHROMIUM");
	const char *path = getenv("PATH");
	char buf[PATH_MAX];

	if (env && *env) {
		if (executable(env))
			return strdup(env);
		st_diag_add(diag, "SAFETRACK_CHROMIUM=%s 不是可执行文件，无法生成 PDF", env);
		return NULL;
	}
	for (size_t i = 0; path && i < sizeof names / sizeof names[0]; i++)
		for (const char *p = path; *p;) {
			size_t len = strcspn(p, ":");
			if (len && (size_t)snprintf(buf, sizeof buf, "%.*s/%s", (int)len, p, names[i]) <
					   sizeof buf && executable(buf))
				return strdup(buf);
			p += len;
			if (*p == ':')
				p++;
		}
	st_diag_add(diag, "未找到 Chromium 浏览器，无法生成 PDF（Debian 上可安装 chromium："
			  "apt-get install chromium；也可以用 -o 生成 HTML 后在浏览器中打印）");
	return NULL;
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	remove(path);
	return 0;
}

/* Remove the browser's profile.  Its helper processes may still write
 * there for a moment after the browser has exited, so try a few times. */
static void remove_tree(const char *dir)
{
	struct stat st;

	for (int i = 0; i < 20 && stat(dir, &st) == 0; i++) {
		nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
		if (stat(dir, &st) == 0)
			nanosleep(&(struct timespec){ 0, 100 * 1000 * 1000 }, NULL);
	}
}

static int starts_with_pdf(const char *path)
{
	char head[5] = "";
	FILE *f = fopen(path, "rb");
	size_t n = f ? fread(head, 1, 4, f) : 0;

	if (f)
		fclose(f);
	return n == 4 && !memcmp(head, "%PDF", 4);
}

int st_pdf_print(const char *html, const char *pdf, struct st_diag *diag)
{
	const char *tmpdir = getenv("TMPDIR");
	char profile[PATH_MAX];
	char *browser = NULL, *url = NULL, *out_arg = NULL, *dir_arg = NULL;
	char abs_html[PATH_MAX];
	posix_spawn_file_actions_t fa;
	int fa_ok = 0, rc = -1, status = 0;
	pid_t pid;

	if (!(browser = st_pdf_browser(diag)))
		return -1;
	if (!realpath(html, abs_html)) {
		st_diag_add(diag, "%s: 无法读取: %s", html, strerror(errno));
		goto out;
	}
	size_t n;
	snprintf(profile, sizeof profile, "%s/safetrack-chromium-XXXXXX",
		 tmpdir && *tmpdir ? tmpdir : "/tmp");
	if (!mkdtemp(profile)) {
		st_diag_add(diag, "无法创建临时目录: %s", strerror(errno));
		goto out;
	}
	n = strlen(abs_html) + sizeof "file://";
	size_t m = strlen(pdf) + sizeof "--print-to-pdf=";
	size_t d = strlen(profile) + sizeof "--user-data-dir=";
	if (!(url = malloc(n)) || !(out_arg = malloc(m)) || !(dir_arg = malloc(d))) {
		st_diag_add(diag, "内存不足");
		goto out_profile;
	}
	snprintf(url, n, "file://%s", abs_html);
	snprintf(out_arg, m, "--print-to-pdf=%s", pdf);
	snprintf(dir_arg, d, "--user-data-dir=%s", profile);
	char *const argv[] = {
		browser, (char *)"--headless", (char *)"--no-sandbox", (char *)"--disable-gpu",
		(char *)"--no-pdf-header-footer", (char *)"--disable-background-networking",
		(char *)"--disable-extensions", (char *)"--disable-sync", (char *)"--no-first-run",
		(char *)"--mute-audio", dir_arg, out_arg, url, NULL,
	};
	if (posix_spawn_file_actions_init(&fa) != 0) {
		st_diag_add(diag, "内存不足");
		goto out_profile;
	}
	fa_ok = 1;
	if (posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0) != 0 ||
	    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0) != 0 ||
	    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0) != 0) {
		st_diag_add(diag, "内存不足");
		goto out_profile;
	}
	if ((errno = posix_spawn(&pid, browser, &fa, NULL, argv, environ)) != 0) {
		st_diag_add(diag, "无法启动 %s: %s", browser, strerror(errno));
		goto out_profile;
	}
	/* wait with a time limit: a browser that hangs is stopped */
	for (int waited = 0;; waited++) {
		pid_t w = waitpid(pid, &status, WNOHANG);
		if (w == pid)
			break;
		if (w < 0 && errno != EINTR) {
			st_diag_add(diag, "等待 %s 失败: %s", browser, strerror(errno));
			goto out_profile;
		}
		if (waited >= ST_PDF_TIMEOUT * 10) {
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
			st_diag_add(diag, "%s 在 %d 秒内没有完成 PDF，已停止", browser, ST_PDF_TIMEOUT);
			goto out_profile;
		}
		nanosleep(&(struct timespec){ 0, 100 * 1000 * 1000 }, NULL);
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || !starts_with_pdf(pdf)) {
		st_diag_add(diag, "%s 没有生成 PDF（退出状态 %d）", browser,
			    WIFEXITED(status) ? WEXITSTATUS(status) : -1);
		goto out_profile;
	}
	rc = 0;
out_profile:
	remove_tree(profile);
out:
	if (fa_ok)
		posix_spawn_file_actions_destroy(&fa);
	free(browser);
	free(url);
	free(out_arg);
	free(dir_arg);
	return rc;
}
