package dev.incidents.command.config;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.Task;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.DeadlineManagerSpanFactory;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.List;

/**
 * Persistent deadlines: a db-scheduler {@link Scheduler} on the command side's H2 database, which is the event store
 * database in the embedded default and a local file in Axon Server mode. Axon's
 * {@code AxonDbSchedulerAutoConfiguration} detects this bean and registers the task that runs Axon deadlines, so a
 * deadline scheduled before a restart fires after it. The scheduler polls the table, so a deadline fires up to one
 * polling interval late. Commands use an {@link IndexedDeadlineManager} around Axon's {@code DbSchedulerDeadlineManager},
 * which cancels the deadlines of one incident without reading all others.
 */
@Configuration
class DeadlineConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DeadlineConfiguration.class);

    /** Table of db-scheduler 16 with the columns its default JDBC customization reads and writes. */
    private static final String CREATE_TABLE = """
            create table if not exists scheduled_tasks (
                task_name varchar(100) not null,
                task_instance varchar(100) not null,
                task_data blob,
                execution_time timestamp(6) with time zone not null,
                picked boolean not null,
                picked_by varchar(50),
                last_success timestamp(6) with time zone,
                last_failure timestamp(6) with time zone,
                consecutive_failures int,
                last_heartbeat timestamp(6) with time zone,
                version bigint not null,
                priority smallint,
                primary key (task_name, task_instance))""";

    @Bean
    Scheduler deadlineScheduler(DataSource dataSource, List<Task<?>> tasks, StoreProperties store) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.execute(CREATE_TABLE);
        jdbc.execute("create index if not exists scheduled_tasks_execution_time on scheduled_tasks (execution_time)");
        jdbc.execute("create index if not exists scheduled_tasks_last_heartbeat on scheduled_tasks (last_heartbeat)");

        log.info("Deadline scheduler uses table scheduled_tasks with tasks {}",
                tasks.stream().map(Task::getName).toList());
        // Inside a command's transaction the proxy hands db-scheduler that transaction's connection, so a deadline
        // is scheduled or cancelled together with the events. A second connection per command could also exhaust
        // the pool while every connection waits for another one.
        return Scheduler.create(new TransactionAwareDataSourceProxy(dataSource), tasks)
                .pollingInterval(store.deadlinePollingInterval())
                .threads(2)
                .shutdownMaxWait(Duration.ofSeconds(10))
                .build();
    }

    /**
     * Axon's manager on the scheduler above, as the auto-configuration would build it. The task that runs deadlines
     * looks it up by its class, so it stays a bean of its own.
     */
    @Bean
    DbSchedulerDeadlineManager dbSchedulerDeadlineManager(Scheduler deadlineScheduler,
                                                          org.axonframework.config.Configuration configuration,
                                                          @Qualifier("eventSerializer") Serializer serializer,
                                                          TransactionManager transactionManager,
                                                          DeadlineManagerSpanFactory spanFactory) {
        return DbSchedulerDeadlineManager.builder()
                .scheduler(deadlineScheduler)
                .scopeAwareProvider(new ConfigurationScopeAwareProvider(configuration))
                .serializer(serializer)
                .transactionManager(transactionManager)
                .spanFactory(spanFactory)
                .startScheduler(false)
                .stopScheduler(false)
                .build();
    }

    /** The deadline manager that aggregates and handlers receive. */
    @Bean
    @Primary
    DeadlineManager deadlineManager(DbSchedulerDeadlineManager dbSchedulerDeadlineManager, DataSource dataSource,
                                    Scheduler deadlineScheduler) {
        // The scheduler bean has created scheduled_tasks, which the index prunes against.
        DeadlineScheduleIndex index = new DeadlineScheduleIndex(dataSource);
        index.initialise();
        return new IndexedDeadlineManager(dbSchedulerDeadlineManager, index);
    }

    /**
     * Starts the scheduler after everything else, so a due deadline finds Axon ready, and stops it first, before
     * Axon and the database close.
     */
    @Bean
    SmartLifecycle deadlineSchedulerLifecycle(Scheduler deadlineScheduler) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                deadlineScheduler.start();
                running = true;
                log.info("Deadline scheduler started");
            }

            @Override
            public void stop() {
                deadlineScheduler.stop();
                running = false;
                log.info("Deadline scheduler stopped");
            }

            @Override
            public boolean isRunning() {
                return running;
            }

            @Override
            public int getPhase() {
                return LifecyclePhases.BEFORE_AXON_STOPS;
            }
        };
    }
}
