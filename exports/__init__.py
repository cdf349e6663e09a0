"""What leaves the machine (and comes back): CSV now; iCal, reports and bundles later.

Imports no Textual: the app's dialogs and the command line call the same functions.
"""

from praxis_socialwork.exports.csv_io import ImportResult, export_csv, import_csv, read_table

__all__ = ["ImportResult", "export_csv", "import_csv", "read_table"]
