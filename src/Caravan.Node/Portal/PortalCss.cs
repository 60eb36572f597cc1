namespace Caravan.Node.Portal;

/// <summary>The portal's one stylesheet: readable on a phone (single column, tables scroll sideways) and on a desk.</summary>
internal static class PortalCss
{
    public const string Text =
        """
        *,*::before,*::after{box-sizing:border-box}
        html{-webkit-text-size-adjust:100%}
        body{margin:0;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:#1c2430;background:#f4f6f8}
        header.top{background:#17324d;color:#fff;padding:.6rem 1rem;display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center}
        header.top .brand{font-weight:700;color:#fff;text-decoration:none;margin-right:auto}
        header.top nav{display:flex;flex-wrap:wrap;gap:.25rem .9rem}
        header.top nav a{color:#d8e6f3}
        header.top form{margin:0}
        header.top button{background:transparent;border:1px solid #d8e6f3;color:#fff;padding:.2rem .6rem;border-radius:4px;cursor:pointer}
        main{max-width:1100px;margin:0 auto;padding:1rem}
        h1{font-size:1.45rem;margin:.4rem 0 1rem}
        h2{font-size:1.15rem;margin:1.6rem 0 .6rem}
        a{color:#0b5cad}
        .card{background:#fff;border:1px solid #d5dde5;border-radius:6px;padding:1rem;margin:0 0 1rem}
        .table-wrap{overflow-x:auto;-webkit-overflow-scrolling:touch;margin:0 0 1rem;background:#fff;border:1px solid #d5dde5;border-radius:6px}
        table{border-collapse:collapse;width:100%;font-size:.93rem}
        th,td{text-align:left;padding:.45rem .6rem;border-bottom:1px solid #e3e8ee;vertical-align:top}
        th{background:#eef2f6;white-space:nowrap}
        dl.facts{display:grid;grid-template-columns:minmax(8rem,max-content) 1fr;gap:.3rem 1rem;margin:0}
        dl.facts dt{font-weight:600;color:#4a5866}
        dl.facts dd{margin:0;overflow-wrap:anywhere}
        .field{margin:0 0 .8rem}
        .field label{display:block;font-weight:600;margin:0 0 .2rem}
        input[type=text],input[type=password],input[type=file],textarea{width:100%;max-width:32rem;padding:.5rem;border:1px solid #9aa8b6;border-radius:4px;font:inherit}
        textarea{min-height:5rem}
        button,.button{display:inline-block;background:#0b5cad;color:#fff;border:0;border-radius:4px;padding:.5rem 1rem;font:inherit;cursor:pointer;text-decoration:none}
        button.danger{background:#a8261b}
        form.inline{display:inline}
        .status{display:inline-block;padding:.1rem .5rem;border-radius:999px;background:#e3e8ee;font-size:.85rem;font-weight:600}
        .verdict{padding:1rem;border-radius:6px;margin:0 0 1rem;font-weight:600}
        .verdict.ok{background:#e2f4e6;border:1px solid #3e8e50}
        .verdict.bad{background:#fbe5e3;border:1px solid #a8261b}
        .notice{background:#fff6da;border:1px solid #d8b43c;padding:.6rem 1rem;border-radius:6px;margin:0 0 1rem}
        .error{background:#fbe5e3;border:1px solid #a8261b;padding:.6rem 1rem;border-radius:6px;margin:0 0 1rem}
        .muted{color:#5b6773;font-size:.9rem}
        .grid2{display:grid;grid-template-columns:repeat(auto-fit,minmax(18rem,1fr));gap:1rem}
        code,h1,h2,p,li{overflow-wrap:anywhere}
        select{max-width:100%;padding:.45rem;border:1px solid #9aa8b6;border-radius:4px;font:inherit}
        form.filters{display:flex;flex-wrap:wrap;gap:0 1rem;align-items:flex-end;margin:0 0 1rem}
        @media (max-width:600px){main{padding:.6rem}h1{font-size:1.25rem}dl.facts{grid-template-columns:1fr}dl.facts dt{margin-top:.4rem}}
        """;
}
