namespace Caravan;

/// <summary>Marker type for locating the Caravan library assembly.</summary>
public static class Anchor;
