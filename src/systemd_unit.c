/* placeholder: replaced by the module implementation */
#include "config.h"
#include "model.h"
int systemd_unit_placeholder_(void);
int systemd_unit_placeholder_(void) { return 0; }
