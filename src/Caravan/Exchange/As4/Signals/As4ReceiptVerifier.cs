using Caravan.Exchange.As4.Model;

namespace Caravan.Exchange.As4.Signals;

/// <summary>Checks that a receipt acknowledges what we sent: its RefToMessageId and the digests in its NRI.</summary>
public static class As4ReceiptVerifier
{
    public static As4ReceiptCheck Check(As4Receipt receipt, string sentMessageId, IReadOnlyList<As4ReceiptReference> sentReferences)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        ArgumentNullException.ThrowIfNull(sentReferences);
        var problems = new List<string>();
        if (!string.Equals(receipt.RefToMessageId, sentMessageId, StringComparison.Ordinal))
        {
            problems.Add("The receipt refers to message '" + receipt.RefToMessageId + "', not '" + sentMessageId + "'.");
        }
        if (sentReferences.Count > 0 && receipt.NonRepudiationReferences.Count == 0)
        {
            problems.Add("The receipt has no NonRepudiationInformation although the message was signed.");
        }
        foreach (var sent in sentReferences)
        {
            var echoed = receipt.NonRepudiationReferences.FirstOrDefault(r => string.Equals(r.Uri, sent.Uri, StringComparison.Ordinal));
            if (echoed is null)
            {
                if (receipt.NonRepudiationReferences.Count > 0)
                {
                    problems.Add("Reference " + sent.Uri + " is missing from the receipt.");
                }
                continue;
            }
            if (!string.Equals(echoed.DigestMethod, sent.DigestMethod, StringComparison.Ordinal) || !string.Equals(echoed.DigestValue, sent.DigestValue, StringComparison.Ordinal))
            {
                problems.Add("Reference " + sent.Uri + " has digest " + echoed.DigestValue + " in the receipt but " + sent.DigestValue + " was sent.");
            }
        }
        return new As4ReceiptCheck(problems.Count == 0, problems);
    }
}
