package org.semcycle.cli;
public class Main { public static void main(String[] a) { } }
