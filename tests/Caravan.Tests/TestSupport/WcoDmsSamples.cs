namespace Caravan.Tests.TestSupport;

/// <summary>Small WCO DMS declarations written for tests, in the shape of HMRC's samples.</summary>
public static class WcoDmsSamples
{
    public static string Export(string from, string to) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <Declaration xmlns="urn:wco:datamodel:WCO:DEC-DMS:2">
          <FunctionCode>9</FunctionCode>
          <FunctionalReferenceID>FVF-EX-{Guid.NewGuid().ToString("N")[..10]}</FunctionalReferenceID>
          <TypeCode>EXA</TypeCode>
          <GoodsItemQuantity>1</GoodsItemQuantity>
          <InvoiceAmount currencyID="USD">13440</InvoiceAmount>
          <BorderTransportMeans>
            <ID>01A123BC</ID>
            <RegistrationNationalityCode>{from}</RegistrationNationalityCode>
            <ModeCode>3</ModeCode>
          </BorderTransportMeans>
          <Declarant><ID>305123456</ID></Declarant>
          <ExitOffice><ID>{from}000001</ID></ExitOffice>
          <Exporter>
            <Name>Fergana Valley Fruits LLC</Name>
            <ID>305123456</ID>
            <Address><CityName>Fergana</CityName><CountryCode>{from}</CountryCode><Line>14 Mustaqillik street</Line><PostcodeID>150100</PostcodeID></Address>
          </Exporter>
          <GoodsShipment>
            <Consignee>
              <Name>Almaty Fresh Market LLP</Name>
              <Address><CityName>Almaty</CityName><CountryCode>{to}</CountryCode><Line>77 Raiymbek avenue</Line><PostcodeID>050000</PostcodeID></Address>
            </Consignee>
            <Destination><CountryCode>{to}</CountryCode></Destination>
            <ExportCountry><ID>{from}</ID></ExportCountry>
            <GovernmentAgencyGoodsItem>
              <SequenceNumeric>1</SequenceNumeric>
              <StatisticalValueAmount currencyID="USD">13440</StatisticalValueAmount>
              <Commodity>
                <Description>Fresh apples, Golden Delicious</Description>
                <Classification><ID>08081080</ID><IdentificationTypeCode>TSP</IdentificationTypeCode></Classification>
                <GoodsMeasure><GrossMassMeasure>20400</GrossMassMeasure><NetNetWeightMeasure>19200</NetNetWeightMeasure></GoodsMeasure>
              </Commodity>
              <Origin><CountryCode>{from}</CountryCode><TypeCode>1</TypeCode></Origin>
              <Packaging><SequenceNumeric>1</SequenceNumeric><MarksNumbersID>FVF/KZ/001-1200</MarksNumbersID><QuantityQuantity>1200</QuantityQuantity><TypeCode>CT</TypeCode></Packaging>
            </GovernmentAgencyGoodsItem>
          </GoodsShipment>
        </Declaration>
        """;
}
