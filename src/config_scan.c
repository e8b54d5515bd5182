/* The configuration part of a scan: read the facts, then merge them. */
#include "config.h"

#include "config_scan.h"
#include "merge/effective.h"
#include "read/launch.h"

void effective_for_argv(struct dl_listener_list *listeners, struct dl_launch *launch,
		        enum dl_tls *tls, char **metrics_addr, unsigned *diagnostic_port,
		        const struct rootfs *r,
		        const struct word_list *argv, const struct env *penv, const char *cwd,
		        bool systemd, const char *exe, struct dl_problem_list *problems)
{
	struct merge_facts mf;
	merge_facts_read_argv(&mf, launch, r, argv, penv, cwd, systemd, exe, problems);
	effective_merge_facts(listeners, launch, tls, metrics_addr, diagnostic_port, &mf, problems);
	merge_facts_clear(&mf);
}

void effective_scan_config(struct dl_scan_result *res, const struct rootfs *r)
{
	struct merge_facts mf;
	if (merge_facts_read_root(&mf, &res->launch, r, &res->problems)) {
		enum dl_tls tls;
		effective_merge_facts(&res->listeners, &res->launch, &tls, NULL, NULL, &mf,
				      &res->problems);
		for (size_t i = 0; i < res->listeners.count; i++)
			res->listeners.items[i].state |= DL_STATE_CONFIGURED;
	}
	merge_facts_clear(&mf);
}
