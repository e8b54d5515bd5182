/* placeholder: replaced by the module implementation */
#include "config.h"
#include "model.h"
int render_json_placeholder_(void);
int render_json_placeholder_(void) { return 0; }
