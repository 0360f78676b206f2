package dev.mledger.store.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import dev.mledger.core.monitor.AlertKey;
import dev.mledger.core.monitor.AlertState;
import dev.mledger.core.monitor.AlertTransition;
import dev.mledger.core.monitor.Severity;
import dev.mledger.core.monitor.Statistic;
import dev.mledger.store.Stores;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link MonitorStore} must do; subclasses supply the database. */
abstract class MonitorStoreContract {
  private Stores stores;
  private MonitorStore monitors;

  protected abstract Stores openEmptyStores();

  @BeforeEach
  void open() {
    stores = openEmptyStores();
    monitors = stores.monitors();
  }

  @AfterEach
  void close() {
    stores.close();
  }

  private StoredMonitor create(String name) {
    return monitors.create(
        new NewMonitor(
            name, "{\"name\":\"" + name + "\"}", "{}", new byte[] {1, 2, 3}, null, null));
  }

  private static List<NewEvent> batch(int n, long time) {
    List<NewEvent> events = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      events.add(new NewEvent(time + i, "{\"i\":" + i + "}"));
    }
    return events;
  }

  private static AlertTransition opened(String feature) {
    return new AlertTransition(
        new AlertKey(feature, Statistic.PSI),
        AlertTransition.Kind.OPENED,
        Severity.WARNING,
        0.3,
        0.2);
  }

  private static WindowOutcome window(long lastSeq, AlertTransition... transitions) {
    List<AlertState> states = new ArrayList<>();
    for (AlertTransition t : transitions) {
      states.add(new AlertState(t.key(), true, t.severity(), t.value(), 5, 0, 1));
    }
    return new WindowOutcome(
        0, 10, lastSeq, lastSeq, "{\"rows\":" + lastSeq + "}", List.of(transitions), states);
  }

  @Test
  void createsGetsAndListsMonitors() {
    StoredMonitor m = create("churn");
    assertThat(m.id()).hasSize(32);
    assertThat(monitors.get(m.id()).referenceProfile()).containsExactly(1, 2, 3);
    assertThat(monitors.get(m.id()).eventCount()).isZero();
    assertThat(monitors.list()).extracting(StoredMonitor::name).containsExactly("churn");
    assertThatThrownBy(() -> create("churn"))
        .isInstanceOfSatisfying(
            MledgerException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_ALREADY_EXISTS));
    assertThatThrownBy(() -> monitors.get("nope"))
        .isInstanceOfSatisfying(
            MledgerException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_DOES_NOT_EXIST));
    assertThat(monitors.setRetrainPolicy(m.id(), "{\"x\":1}").retrainPolicyJson())
        .isEqualTo("{\"x\":1}");
    StoredMonitor replaced = monitors.setReference(m.id(), "{\"v\":2}", new byte[] {4, 5});
    assertThat(replaced.definitionJson()).isEqualTo("{\"v\":2}");
    assertThat(monitors.get(m.id()).referenceProfile()).containsExactly(4, 5);
    assertThat(replaced.retrainPolicyJson()).isEqualTo("{\"x\":1}");
    assertThatThrownBy(() -> monitors.setReference("nope", "{}", new byte[] {1}))
        .isInstanceOfSatisfying(
            MledgerException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_DOES_NOT_EXIST));
  }

  @Test
  void eventsAreNumberedInBatchesAndNeverLostUnderConcurrency() throws Exception {
    StoredMonitor m = create("m");
    assertThat(monitors.append(m.id(), batch(3, 100))).isEqualTo(3);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<Long>> futures = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      futures.add(pool.submit(() -> monitors.append(m.id(), batch(25, 0))));
    }
    for (Future<Long> f : futures) {
      f.get();
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    assertThat(monitors.get(m.id()).eventCount()).isEqualTo(203);
    List<StoredEvent> all = monitors.events(m.id(), 0, 1000);
    assertThat(all).hasSize(203);
    for (int i = 0; i < all.size(); i++) {
      assertThat(all.get(i).seq()).isEqualTo(i + 1);
    }
    assertThat(monitors.events(m.id(), 200, 10))
        .extracting(StoredEvent::seq)
        .containsExactly(201L, 202L, 203L);
    assertThat(all.get(1).payloadJson()).isEqualTo("{\"i\":1}");
    assertThat(all.get(1).eventTime()).isEqualTo(101);
    assertThatThrownBy(() -> monitors.append("nope", batch(1, 0)))
        .isInstanceOf(MledgerException.class);
  }

  @Test
  void windowsRecordReportAlertsAndStatesAtomically() {
    StoredMonitor m = create("m");
    monitors.append(m.id(), batch(10, 0));
    StoredReport r = monitors.recordWindow(m.id(), window(5, opened("age"), opened("plan")));
    assertThat(r.rows()).isEqualTo(5);
    assertThat(monitors.get(m.id()).reportedThrough()).isEqualTo(5);
    assertThat(monitors.report(m.id(), r.id()).documentJson()).isEqualTo("{\"rows\":5}");
    assertThat(monitors.alertsOfReport(r.id()))
        .extracting(a -> a.transition().key().feature())
        .containsExactly("age", "plan");
    Map<AlertKey, AlertState> states = monitors.alertStates(m.id());
    assertThat(states).hasSize(2);
    assertThat(states.get(new AlertKey("age", Statistic.PSI)).firing()).isTrue();

    // Replaying the same window (or one beyond the received events) records nothing.
    assertThatThrownBy(() -> monitors.recordWindow(m.id(), window(5, opened("x"))))
        .isInstanceOfSatisfying(
            MledgerException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_CONFLICT));
    assertThatThrownBy(() -> monitors.recordWindow(m.id(), window(11)))
        .isInstanceOf(MledgerException.class);
    assertThat(monitors.alerts(m.id(), false, 100)).hasSize(2);

    AlertState resolved =
        new AlertState(new AlertKey("age", Statistic.PSI), false, Severity.WARNING, 0.1, 5, 9, 1);
    monitors.recordWindow(
        m.id(), new WindowOutcome(0, 10, 5, 10, "{}", List.of(), List.of(resolved)));
    assertThat(monitors.alertStates(m.id()).get(resolved.key())).isEqualTo(resolved);
    assertThat(monitors.reports(m.id(), 10))
        .extracting(StoredReport::lastSeq)
        .containsExactly(10L, 5L);
    assertThat(monitors.reports(m.id(), 1)).hasSize(1);
  }

  @Test
  void alertsAreAcknowledgedOnce() {
    StoredMonitor m = create("m");
    monitors.append(m.id(), batch(1, 0));
    StoredReport r = monitors.recordWindow(m.id(), window(1, opened("age")));
    StoredAlert alert = monitors.alertsOfReport(r.id()).get(0);
    assertThat(alert.acknowledged()).isFalse();
    assertThat(alert.message()).contains("feature 'age'");
    StoredAlert acked = monitors.acknowledge(m.id(), alert.id(), "ana", "looking into it");
    assertThat(acked.acknowledgedBy()).isEqualTo("ana");
    assertThat(acked.ackComment()).isEqualTo("looking into it");
    assertThat(monitors.acknowledge(m.id(), alert.id(), "bob", "me too").acknowledgedBy())
        .isEqualTo("ana");
    assertThat(monitors.alerts(m.id(), true, 10)).isEmpty();
    assertThat(monitors.alerts(m.id(), false, 10)).hasSize(1);
    assertThatThrownBy(() -> monitors.acknowledge(m.id(), "nope", "a", null))
        .isInstanceOf(MledgerException.class);
  }

  @Test
  void deliveriesAndRetrainStepsAreLogged() {
    StoredMonitor m = create("m");
    monitors.append(m.id(), batch(1, 0));
    StoredReport r = monitors.recordWindow(m.id(), window(1, opened("age")));
    String alertId = monitors.alertsOfReport(r.id()).get(0).id();
    monitors.recordDelivery(m.id(), alertId, 1, 500, "HTTP 500", false);
    monitors.recordDelivery(m.id(), alertId, 2, null, "connection refused", false);
    monitors.recordDelivery(m.id(), alertId, 3, 200, null, true);
    assertThat(monitors.deliveries(alertId))
        .extracting(Delivery::attempt, Delivery::statusCode, Delivery::succeeded)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1, 500, false),
            org.assertj.core.groups.Tuple.tuple(2, null, false),
            org.assertj.core.groups.Tuple.tuple(3, 200, true));

    monitors.recordStep(m.id(), "a1", "triggered", "{}");
    monitors.recordStep(m.id(), "a1", "launched", "{\"pid\":1}");
    assertThat(monitors.steps(m.id()))
        .extracting(RetrainStep::ordinal, RetrainStep::step)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1, "triggered"),
            org.assertj.core.groups.Tuple.tuple(2, "launched"));
  }

  @Test
  void pendingDeliveriesAreNotifyingAlertsWithoutSuccessOnMonitorsWithAWebhook() {
    StoredMonitor hooked =
        monitors.create(
            new NewMonitor("hooked", "{}", "{}", new byte[] {1}, "http://h/x", "secret"));
    StoredMonitor silent = create("silent");
    monitors.append(hooked.id(), batch(3, 0));
    monitors.append(silent.id(), batch(1, 0));
    AlertTransition repeated =
        new AlertTransition(
            new AlertKey("plan", Statistic.PSI),
            AlertTransition.Kind.REPEATED,
            Severity.WARNING,
            0.3,
            0.2);
    StoredReport r =
        monitors.recordWindow(hooked.id(), window(1, opened("age"), opened("plan"), opened("zip")));
    monitors.recordWindow(hooked.id(), window(2, repeated));
    monitors.recordWindow(silent.id(), window(1, opened("age")));
    List<StoredAlert> alerts = monitors.alertsOfReport(r.id());
    String age = alerts.get(0).id();
    String plan = alerts.get(1).id();
    String zip = alerts.get(2).id();
    monitors.recordDelivery(hooked.id(), age, 1, 500, "HTTP 500", false);
    monitors.recordDelivery(hooked.id(), plan, 1, 204, null, true);
    for (int attempt = 1; attempt <= 3; attempt++) {
      monitors.recordDelivery(hooked.id(), zip, attempt, 500, "HTTP 500", false);
    }

    List<PendingDelivery> pending = monitors.pendingDeliveries(3);
    assertThat(pending)
        .extracting(p -> p.alert().id(), PendingDelivery::attemptsMade)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(age, 1));
    assertThat(pending.get(0).monitorName()).isEqualTo("hooked");
    assertThat(pending.get(0).webhookUrl()).isEqualTo("http://h/x");
    assertThat(pending.get(0).webhookSecret()).isEqualTo("secret");
    assertThat(monitors.pendingDeliveries(5))
        .extracting(p -> p.alert().id())
        .containsExactly(age, zip);
  }

  @Test
  void attemptStepsAreFoundByAttemptId() {
    StoredMonitor m = create("m");
    monitors.recordStep(m.id(), "a1", "triggered", "{}");
    monitors.recordStep(m.id(), "a2", "triggered", "{}");
    monitors.recordStep(m.id(), "a1", "launched", "{}");
    assertThat(monitors.attempt("a1"))
        .extracting(RetrainStep::monitorId, RetrainStep::step)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(m.id(), "triggered"),
            org.assertj.core.groups.Tuple.tuple(m.id(), "launched"));
    assertThatThrownBy(() -> monitors.attempt("nope"))
        .isInstanceOfSatisfying(
            MledgerException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_DOES_NOT_EXIST));
  }
}
