/* placeholder: replaced by the module implementation */
#include "config.h"
#include "model.h"
int socket_unit_placeholder_(void);
int socket_unit_placeholder_(void) { return 0; }
