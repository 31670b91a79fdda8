package org.ffmas.crm.partner;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * French postal codes: whether one can exist, and the department and region (INSEE codes) it
 * lies in, for filtering. Regions are those of 2016.
 */
public final class FrenchGeography {
    private static final Pattern FIVE_DIGITS = Pattern.compile("\\d{5}");

    /** A department and its region; region is null for overseas collectivities outside the regions. */
    public record Place(String department, String region) {}

    private static final Map<String, String> REGION_OF_DEPARTMENT = new HashMap<>();
    private static final Set<String> REGIONS = new HashSet<>();

    static {
        region("84", /* Auvergne-Rhône-Alpes */ "01", "03", "07", "15", "26", "38", "42", "43", "63", "69", "73", "74");
        region("27", /* Bourgogne-Franche-Comté */ "21", "25", "39", "58", "70", "71", "89", "90");
        region("53", /* Bretagne */ "22", "29", "35", "56");
        region("24", /* Centre-Val de Loire */ "18", "28", "36", "37", "41", "45");
        region("94", /* Corse */ "2A", "2B");
        region("44", /* Grand Est */ "08", "10", "51", "52", "54", "55", "57", "67", "68", "88");
        region("32", /* Hauts-de-France */ "02", "59", "60", "62", "80");
        region("11", /* Île-de-France */ "75", "77", "78", "91", "92", "93", "94", "95");
        region("28", /* Normandie */ "14", "27", "50", "61", "76");
        region("75", /* Nouvelle-Aquitaine */ "16", "17", "19", "23", "24", "33", "40", "47", "64", "79", "86", "87");
        region("76", /* Occitanie */ "09", "11", "12", "30", "31", "32", "34", "46", "48", "65", "66", "81", "82");
        region("52", /* Pays de la Loire */ "44", "49", "53", "72", "85");
        region("93", /* Provence-Alpes-Côte d'Azur */ "04", "05", "06", "13", "83", "84");
        region("01", /* Guadeloupe */ "971");
        region("02", /* Martinique */ "972");
        region("03", /* Guyane */ "973");
        region("04", /* La Réunion */ "974");
        region("06", /* Mayotte */ "976");
    }

    private static void region(String code, String... departments) {
        REGIONS.add(code);
        for (String d : departments) {
            REGION_OF_DEPARTMENT.put(d, code);
        }
    }

    private FrenchGeography() {}

    /** Whether a French postal code can exist: five digits, in a department or an overseas territory. */
    public static boolean validPostalCode(String code) {
        return place(code).isPresent();
    }

    public static Optional<Place> place(String postalCode) {
        if (postalCode == null || !FIVE_DIGITS.matcher(postalCode).matches()) {
            return Optional.empty();
        }
        String two = postalCode.substring(0, 2);
        String department;
        if (two.equals("20")) {
            // Corsica: Corse-du-Sud below 20200, Haute-Corse from 20200 (INSEE's split of the 20xxx codes)
            department = Integer.parseInt(postalCode.substring(2, 5)) < 200 ? "2A" : "2B";
        } else if (two.equals("97") || two.equals("98")) {
            department = postalCode.substring(0, 3);
            // 975 Saint-Pierre-et-Miquelon, 977/978 Saint-Barthélemy/Saint-Martin, 986-988 Pacific; 980 is Monaco
            if (!REGION_OF_DEPARTMENT.containsKey(department) && !department.matches("97[578]|98[678]")) {
                return Optional.empty();
            }
        } else if (two.equals("00") || two.equals("96") || two.equals("99")) {
            return Optional.empty();
        } else {
            department = two;
        }
        return Optional.of(new Place(department, REGION_OF_DEPARTMENT.get(department)));
    }

    public static boolean knownDepartment(String department) {
        return REGION_OF_DEPARTMENT.containsKey(department) || department.matches("97[578]|98[678]");
    }

    public static boolean knownRegion(String region) {
        return REGIONS.contains(region);
    }
}
