package io.pulso.worker.warehouse.demo;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** The assigned files, clients and accounts of one generation, in generation order. */
record Portfolio(List<Archivo> archivos, List<List<Client>> clientsByArchivo, List<Account> accounts, int clientCount) {

    /** One assignment file, worked from {@code assignedOn} to {@code lastWorkedDay} (both inclusive). */
    record Archivo(int index, String name, Cartera cartera, Servicio servicio, LocalDate assignedOn, LocalDate lastWorkedDay) {

        boolean workedOn(LocalDate day) {
            return !day.isBefore(assignedOn) && !day.isAfter(lastWorkedDay);
        }
    }

    /**
     * A debtor (cod_luna) in one file. Clients added to a file a few days late have a later {@code assignedOn}.
     * A client that is not {@code callable} (no usable phone) never gets attempts; {@code reachability} scales
     * the chance that an attempt reaches them and {@code willingness} the chance that a conversation ends in a
     * promise (0 for clients who never promise).
     */
    record Client(int index, String codLuna, Archivo archivo, LocalDate assignedOn, boolean callable, double reachability,
                  double willingness) {
    }

    record Account(int index, String cuenta, Client client, BigDecimal deudaInicial, String estadoDeudor) {
    }
}
