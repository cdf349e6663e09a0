"""The application layer, shared by the app and the command line: the open store and undo
(session), logging days, the dashboard's figures, sample portfolios, file names. No Textual."""
