package io.pulso.worker.warehouse.demo;

import io.pulso.worker.warehouse.demo.Portfolio.Account;
import io.pulso.worker.warehouse.demo.Portfolio.Archivo;
import io.pulso.worker.warehouse.demo.Portfolio.Client;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Draws the files, clients and accounts. Everything comes from the given random source, nothing from a clock. */
final class PortfolioGenerator {

    private static final double LATE_CLIENT_SHARE = 0.12;
    private static final double CALLABLE_SHARE = 0.85;
    private static final double UNREACHABLE_SHARE = 0.30;
    private static final double UNWILLING_SHARE = 0.45;

    private PortfolioGenerator() {
    }

    static Portfolio generate(SplittableRandom rng, DemoScale scale, LocalDate endDate) {
        LocalDate firstDate = endDate.minusDays(scale.days() - 1L);
        List<Archivo> archivos = archivos(scale, firstDate, endDate);
        int[] sizes = accountsPerArchivo(rng, archivos, scale.accounts());

        List<List<Client>> clientsByArchivo = new ArrayList<>();
        List<Account> accounts = new ArrayList<>(scale.accounts());
        int clientIndex = 0;
        for (Archivo archivo : archivos) {
            List<Client> clients = new ArrayList<>();
            int remaining = sizes[archivo.index()];
            while (remaining > 0) {
                Client client = client(rng, clientIndex++, archivo);
                clients.add(client);
                int owned = Math.min(remaining, accountsOfOneClient(rng));
                for (int k = 0; k < owned; k++) {
                    accounts.add(account(rng, accounts.size(), client));
                }
                remaining -= owned;
            }
            clientsByArchivo.add(List.copyOf(clients));
        }
        return new Portfolio(archivos, clientsByArchivo, accounts, clientIndex);
    }

    /**
     * Files are assigned at even intervals, cycling through the 8 cartera × servicio pairs, and named
     * {@code <CARTERA>_<SERVICIO>_<YYYY>_<MM>_<letter>} with a letter per pair and month.
     */
    private static List<Archivo> archivos(DemoScale scale, LocalDate firstDate, LocalDate endDate) {
        Cartera[] carteras = Cartera.values();
        Servicio[] servicios = Servicio.values();
        int pairs = carteras.length * servicios.length;
        Map<String, Integer> filesPerPairAndMonth = new HashMap<>();
        List<Archivo> archivos = new ArrayList<>(scale.archivos());
        for (int i = 0; i < scale.archivos(); i++) {
            Cartera cartera = carteras[(i % pairs) / servicios.length];
            Servicio servicio = servicios[i % servicios.length];
            LocalDate assignedOn = firstDate.plusDays((long) i * scale.days() / scale.archivos());
            String prefix = String.format("%s_%s_%04d_%02d", cartera, servicio, assignedOn.getYear(), assignedOn.getMonthValue());
            int ordinal = filesPerPairAndMonth.merge(prefix, 1, Integer::sum) - 1;
            LocalDate lastWorkedDay = assignedOn.plusDays(cartera.workedDays - 1L);
            if (lastWorkedDay.isAfter(endDate)) {
                lastWorkedDay = endDate;
            }
            archivos.add(new Archivo(i, prefix + "_" + letter(ordinal), cartera, servicio, assignedOn, lastWorkedDay));
        }
        return archivos;
    }

    private static String letter(int ordinal) {
        return ordinal < 26 ? String.valueOf((char) ('A' + ordinal)) : "Z" + ordinal;
    }

    /** Splits the account total over the files by a jittered per-cartera weight; sums exactly to the total. */
    private static int[] accountsPerArchivo(SplittableRandom rng, List<Archivo> archivos, int total) {
        double[] weights = new double[archivos.size()];
        double sum = 0;
        for (Archivo archivo : archivos) {
            weights[archivo.index()] = archivo.cartera().sizeWeight * (0.7 + 0.6 * rng.nextDouble());
            sum += weights[archivo.index()];
        }
        int[] sizes = new int[archivos.size()];
        int assigned = 0;
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = Math.max(1, (int) Math.floor(total * weights[i] / sum));
            assigned += sizes[i];
        }
        for (int i = 0; assigned < total; i = (i + 1) % sizes.length) {
            sizes[i]++;
            assigned++;
        }
        for (int i = 0; assigned > total; i = (i + 1) % sizes.length) {
            if (sizes[i] > 1) {
                sizes[i]--;
                assigned--;
            }
        }
        return sizes;
    }

    private static Client client(SplittableRandom rng, int index, Archivo archivo) {
        // A block of 29 numbers per client keeps codes unique while looking unordered.
        String codLuna = String.format("%09d", 100_000_000 + index * 29L + rng.nextInt(29));
        LocalDate assignedOn = archivo.assignedOn();
        if (rng.nextDouble() < LATE_CLIENT_SHARE) {
            LocalDate late = assignedOn.plusDays(1 + rng.nextInt(3));
            if (!late.isAfter(archivo.lastWorkedDay())) {
                assignedOn = late;
            }
        }
        boolean callable = rng.nextDouble() < CALLABLE_SHARE;
        // Wrong or dead numbers make some clients all but unreachable; some never promise whatever is said.
        double reachability = rng.nextDouble() < UNREACHABLE_SHARE ? 0.03 : 0.4 + 1.2 * rng.nextDouble();
        double willingness = rng.nextDouble() < UNWILLING_SHARE ? 0.0 : 0.5 + rng.nextDouble();
        return new Client(index, codLuna, archivo, assignedOn, callable, reachability, willingness);
    }

    private static int accountsOfOneClient(SplittableRandom rng) {
        double u = rng.nextDouble();
        return u < 0.70 ? 1 : u < 0.92 ? 2 : 3;
    }

    /**
     * A standard normal draw (Box-Muller) with StrictMath: Math.exp/log may differ by an ulp between JIT-compiled
     * and interpreted code or between platforms, which could flip a rounded amount and break byte-identical output.
     */
    private static double gaussian(SplittableRandom rng) {
        double u = 1.0 - rng.nextDouble(); // (0, 1]: log(0) is undefined
        return StrictMath.sqrt(-2.0 * StrictMath.log(u)) * StrictMath.cos(2.0 * StrictMath.PI * rng.nextDouble());
    }

    private static Account account(SplittableRandom rng, int index, Client client) {
        Archivo archivo = client.archivo();
        String cuenta = archivo.servicio().accountPrefix + String.format("%09d", index * 41L + rng.nextInt(41));
        // Log-normal around the portfolio's median: most debts are small, a few are large.
        double debt = archivo.cartera().medianDebt * archivo.servicio().debtFactor * StrictMath.exp(0.55 * gaussian(rng));
        debt = Math.min(20_000, Math.max(15, debt));
        double u = rng.nextDouble();
        String estado = u < 0.80 ? "ACTIVO" : u < 0.94 ? "SUSPENDIDO" : "BAJA";
        return new Account(index, cuenta, client, BigDecimal.valueOf(debt).setScale(2, RoundingMode.HALF_UP), estado);
    }
}
