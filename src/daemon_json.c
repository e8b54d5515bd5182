/* placeholder: replaced by the module implementation */
#include "config.h"
#include "model.h"
int daemon_json_placeholder_(void);
int daemon_json_placeholder_(void) { return 0; }
