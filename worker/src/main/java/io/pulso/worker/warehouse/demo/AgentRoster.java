package io.pulso.worker.warehouse.demo;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The people (and the bot) who make attempts.
 *
 * <p>Rule for the bot: every BOT attempt carries {@link #BOT_EMAIL} and {@link #BOT_NAME}, so the bot shows up in
 * productivity_data as one "agent" named SISTEMA_BOT, as in the old system. HUMANO attempts that a dialer dropped
 * before an agent took them carry no e-mail and no name; productivity_data ("attempts with an agent e-mail")
 * leaves them out, operation_data counts them.
 */
final class AgentRoster {

    static final String BOT_EMAIL = "sistema.bot@pulso-cobranzas.pe";
    static final String BOT_NAME = "SISTEMA_BOT";
    private static final String DOMAIN = "@pulso-cobranzas.pe";

    private static final String[] FIRST_NAMES = {
        "MARIA", "JOSE", "ROSA", "LUIS", "CARMEN", "JUAN", "ANA", "CARLOS", "LUCIA", "JORGE", "SOFIA", "MIGUEL",
        "VALERIA", "DIEGO", "CAMILA", "RENZO", "PATRICIA", "CESAR", "GABRIELA", "ANGEL", "DIANA", "RAUL", "KATHERINE",
        "VICTOR", "MILAGROS", "HECTOR", "ELENA", "OSCAR", "FIORELLA", "PEDRO"};
    private static final String[] LAST_NAMES = {
        "QUISPE", "FLORES", "SANCHEZ", "RODRIGUEZ", "GARCIA", "ROJAS", "HUAMAN", "MAMANI", "CHAVEZ", "TORRES",
        "RAMIREZ", "MENDOZA", "VASQUEZ", "CASTILLO", "ESPINOZA", "DIAZ", "VARGAS", "GUTIERREZ", "LOPEZ", "CRUZ",
        "PAREDES", "SALAZAR", "CORDOVA", "HUANCA", "RIOS", "MORALES", "ORTIZ", "REYES", "CARDENAS", "PALOMINO"};

    record Agent(String email, String name) {
    }

    private final List<Agent> agents;

    private AgentRoster(List<Agent> agents) {
        this.agents = List.copyOf(agents);
    }

    static AgentRoster generate(SplittableRandom rng, int size) {
        List<Agent> agents = new ArrayList<>(size);
        Set<String> taken = new HashSet<>();
        while (agents.size() < size) {
            String first = FIRST_NAMES[rng.nextInt(FIRST_NAMES.length)];
            String last = LAST_NAMES[rng.nextInt(LAST_NAMES.length)];
            String local = (first + "." + last).toLowerCase(Locale.ROOT);
            String email = local + DOMAIN;
            for (int n = 2; !taken.add(email); n++) {
                email = local + n + DOMAIN;
            }
            agents.add(new Agent(email, first + " " + last));
        }
        return new AgentRoster(agents);
    }

    List<Agent> agents() {
        return agents;
    }
}
