package dev.incidents.command.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.util.List;

/**
 * The schedule ids of the scheduled deadlines by deadline name and scope, in a table next to db-scheduler's
 * {@code scheduled_tasks}. Writes go through Spring's transaction-bound connection, so inside a command they are
 * committed or rolled back together with its events and with db-scheduler's own rows.
 */
class DeadlineScheduleIndex {

    private static final Logger log = LoggerFactory.getLogger(DeadlineScheduleIndex.class);

    private final JdbcTemplate jdbc;

    DeadlineScheduleIndex(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** Creates the table and removes the entries of deadlines that fired or were cancelled while it was not used. */
    void initialise() {
        jdbc.execute("""
                create table if not exists deadline_schedules (
                    schedule_id varchar(100) not null primary key,
                    deadline_name varchar(200) not null,
                    scope_key varchar(1000) not null)""");
        jdbc.execute("create index if not exists deadline_schedules_scope"
                + " on deadline_schedules (scope_key, deadline_name)");
        // The key of scheduled_tasks starts with the task name, so the pruning below needs its own index.
        jdbc.execute("create index if not exists scheduled_tasks_instance on scheduled_tasks (task_instance)");

        int pruned = jdbc.update("delete from deadline_schedules s where not exists"
                + " (select 1 from scheduled_tasks t where t.task_instance = s.schedule_id)");
        Long remaining = jdbc.queryForObject("select count(*) from deadline_schedules", Long.class);
        log.info("Deadline schedule index contains {} scheduled deadline(s) after removing {} that fired or were"
                + " cancelled", remaining, pruned);
    }

    void add(String scheduleId, String deadlineName, String scopeKey) {
        jdbc.update("insert into deadline_schedules (schedule_id, deadline_name, scope_key) values (?, ?, ?)",
                scheduleId, deadlineName, scopeKey);
    }

    List<String> scheduleIds(String deadlineName, String scopeKey) {
        return jdbc.queryForList(
                "select schedule_id from deadline_schedules where scope_key = ? and deadline_name = ?",
                String.class, scopeKey, deadlineName);
    }

    void remove(String scheduleId) {
        jdbc.update("delete from deadline_schedules where schedule_id = ?", scheduleId);
    }

    void removeAll(String deadlineName, String scopeKey) {
        jdbc.update("delete from deadline_schedules where scope_key = ? and deadline_name = ?", scopeKey,
                deadlineName);
    }

    void removeAll(String deadlineName) {
        jdbc.update("delete from deadline_schedules where deadline_name = ?", deadlineName);
    }
}
