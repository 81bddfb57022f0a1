-- Names the snapshot the transaction commits: the run id of a night, or what nightdesk's own upkeep did.
CALL lake.set_commit_message('nightdesk', $message, extra_info => $info);
