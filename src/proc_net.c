/* placeholder: replaced by the module implementation */
#include "config.h"
#include "model.h"
int proc_net_placeholder_(void);
int proc_net_placeholder_(void) { return 0; }
