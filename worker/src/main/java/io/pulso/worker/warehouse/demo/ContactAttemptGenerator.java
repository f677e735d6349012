package io.pulso.worker.warehouse.demo;

import io.pulso.worker.warehouse.demo.AgentRoster.Agent;
import io.pulso.worker.warehouse.demo.Portfolio.Archivo;
import io.pulso.worker.warehouse.demo.Portfolio.Client;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws the contact attempts (gestiones) day by day and streams them into COPY.
 *
 * <p>Shapes: the daily volume follows the number of clients being worked and the weekday (Sunday is quiet);
 * attempts cluster in office hours, Lima time, with a thin bot trickle at night when contact is also less likely;
 * 60% of attempts come from the bot, which reaches debtors less often and converts fewer of them than agents;
 * each client's reachability and willingness (see {@link Portfolio.Client}) scale those chances.
 * An attempt is an effective contact exactly when it reached the debtor (CONTACTO_DIRECTO); only those can end
 * in a promise to pay (es_compromiso).
 */
final class ContactAttemptGenerator {

    static final ZoneId LIMA = ZoneId.of("America/Lima");
    static final List<String> COLUMNS = List.of("cod_luna", "fecha_gestion", "timestamp_gestion", "canal_origen",
            "campaign_name", "correo_agente", "nombre_agente", "contactabilidad", "es_contacto_efectivo",
            "es_compromiso", "peso_gestion");

    static final String CONTACTO_DIRECTO = "CONTACTO_DIRECTO";
    static final String CONTACTO_INDIRECTO = "CONTACTO_INDIRECTO";
    static final String NO_CONTACTO = "NO_CONTACTO";

    private static final double BOT_SHARE = 0.60;
    private static final double DROPPED_BY_DIALER = 0.02;

    private static final double[] BOT_HOURS = {
        0.4, 0.2, 0.1, 0.1, 0.1, 0.2, 1.0, 4, 8, 10, 10, 9, 7, 7, 9, 10, 10, 9, 7, 5, 3, 1.5, 0.8, 0.5};
    private static final double[] HUMAN_HOURS = {
        0, 0, 0, 0, 0, 0, 0, 0, 6, 10, 11, 10, 6, 7, 10, 11, 10, 8, 6, 4, 2, 0, 0, 0};
    private static final double[] BOT_CUMULATIVE = cumulative(BOT_HOURS);
    private static final double[] HUMAN_CUMULATIVE = cumulative(HUMAN_HOURS);

    /** Per channel: chance of a direct contact, of an indirect one, and of a promise once in direct contact. */
    private record ChannelRates(double directo, double indirecto, double promesa) {
    }

    private static final ChannelRates BOT = new ChannelRates(0.10, 0.08, 0.15);
    private static final ChannelRates HUMANO = new ChannelRates(0.22, 0.12, 0.35);

    /** The day each client first promised to pay (null when never), needed to draw payments. */
    record Outcome(long rows, LocalDate[] firstPromiseByClient) {
    }

    private ContactAttemptGenerator() {
    }

    static Outcome write(CopyRowWriter out, SplittableRandom rng, Portfolio portfolio, AgentRoster roster,
                         DemoScale scale, LocalDate firstDate, LocalDate endDate) throws SQLException {
        LocalDate[] firstPromise = new LocalDate[portfolio.clientCount()];
        List<List<Client>> workedByDay = new ArrayList<>();
        long totalWorked = 0;
        for (LocalDate day = firstDate; !day.isAfter(endDate); day = day.plusDays(1)) {
            List<Client> worked = clientsWorkedOn(portfolio, day);
            workedByDay.add(worked);
            totalWorked += worked.size();
        }
        double meanWorked = Math.max(1.0, (double) totalWorked / workedByDay.size());

        LocalDate day = firstDate;
        for (List<Client> worked : workedByDay) {
            if (!worked.isEmpty()) {
                long attempts = Math.round(scale.attemptsPerDay() * weekdayFactor(day) * worked.size() / meanWorked);
                List<Agent> onShift = agentsOnShift(rng, roster, day);
                for (long i = 0; i < attempts; i++) {
                    writeAttempt(out, rng, day, worked.get(rng.nextInt(worked.size())), onShift, firstPromise);
                }
            }
            day = day.plusDays(1);
        }
        return new Outcome(out.rows(), firstPromise);
    }

    private static void writeAttempt(CopyRowWriter out, SplittableRandom rng, LocalDate day, Client client,
                                     List<Agent> onShift, LocalDate[] firstPromise) throws SQLException {
        boolean bot = rng.nextDouble() < BOT_SHARE;
        int hour = pickHour(rng, bot ? BOT_CUMULATIVE : HUMAN_CUMULATIVE);
        LocalDateTime local = LocalDateTime.of(day, LocalTime.of(hour, rng.nextInt(60), rng.nextInt(60)));

        String email;
        String name;
        if (bot) {
            email = AgentRoster.BOT_EMAIL;
            name = AgentRoster.BOT_NAME;
        } else if (rng.nextDouble() < DROPPED_BY_DIALER) {
            email = null;
            name = null;
        } else {
            Agent agent = onShift.get(rng.nextInt(onShift.size()));
            email = agent.email();
            name = agent.name();
        }

        ChannelRates rates = bot ? BOT : HUMANO;
        double reach = client.reachability() * (hour < 7 || hour >= 21 ? 0.5 : 1.0);
        double u = rng.nextDouble();
        String contactabilidad = u < rates.directo() * reach ? CONTACTO_DIRECTO
                : u < (rates.directo() + rates.indirecto()) * reach ? CONTACTO_INDIRECTO : NO_CONTACTO;
        boolean efectivo = CONTACTO_DIRECTO.equals(contactabilidad);
        boolean compromiso = efectivo && rng.nextDouble() < rates.promesa() * client.willingness();
        int peso = compromiso ? 6 : efectivo ? 4 : CONTACTO_INDIRECTO.equals(contactabilidad) ? 2 : 1;

        out.text(client.codLuna()).date(day).timestamp(local.atZone(LIMA).toOffsetDateTime())
                .text(bot ? "BOT" : "HUMANO").text(client.archivo().name()).text(email).text(name)
                .text(contactabilidad).bool(efectivo).bool(compromiso).number(peso);
        out.endRow();
        if (compromiso && firstPromise[client.index()] == null) {
            firstPromise[client.index()] = day; // days are generated in order, so the first one is the earliest
        }
    }

    /** Callable clients of files worked that day, once their (possibly late) assignment has happened. */
    private static List<Client> clientsWorkedOn(Portfolio portfolio, LocalDate day) {
        List<Client> worked = new ArrayList<>();
        for (Archivo archivo : portfolio.archivos()) {
            if (archivo.workedOn(day)) {
                for (Client client : portfolio.clientsByArchivo().get(archivo.index())) {
                    if (client.callable() && !client.assignedOn().isAfter(day)) {
                        worked.add(client);
                    }
                }
            }
        }
        return worked;
    }

    private static List<Agent> agentsOnShift(SplittableRandom rng, AgentRoster roster, LocalDate day) {
        double presence = switch (day.getDayOfWeek()) {
            case SATURDAY -> 0.6;
            case SUNDAY -> 0.2;
            default -> 0.92;
        };
        List<Agent> onShift = new ArrayList<>();
        for (Agent agent : roster.agents()) {
            if (rng.nextDouble() < presence) {
                onShift.add(agent);
            }
        }
        if (onShift.isEmpty()) {
            onShift.add(roster.agents().get(rng.nextInt(roster.agents().size())));
        }
        return onShift;
    }

    private static double weekdayFactor(LocalDate day) {
        DayOfWeek weekday = day.getDayOfWeek();
        return weekday == DayOfWeek.SUNDAY ? 0.2 : weekday == DayOfWeek.SATURDAY ? 0.6 : 1.0;
    }

    private static int pickHour(SplittableRandom rng, double[] cumulative) {
        double u = rng.nextDouble() * cumulative[cumulative.length - 1];
        for (int hour = 0; hour < cumulative.length; hour++) {
            if (u < cumulative[hour]) {
                return hour;
            }
        }
        return cumulative.length - 1;
    }

    private static double[] cumulative(double[] weights) {
        double[] cumulative = new double[weights.length];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            cumulative[i] = sum;
        }
        return cumulative;
    }
}
